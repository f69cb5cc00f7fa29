import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AssetFact } from '../domain/upgrade-plan.commands.js';
import { PlanFacts } from './plan-facts.js';

/** Each asset as the inventory view has it now (null for one it does not know), in the order asked. */
export class GetAssetFacts extends Query<(AssetFact | null)[]> {
  constructor(readonly assetIds: string[]) {
    super();
  }
}

@QueryHandler(GetAssetFacts)
export class GetAssetFactsHandler implements IQueryHandler<GetAssetFacts> {
  constructor(private readonly facts: PlanFacts) {}

  execute({ assetIds }: GetAssetFacts): Promise<(AssetFact | null)[]> {
    return Promise.all(assetIds.map((assetId) => this.facts.asset(assetId)));
  }
}
