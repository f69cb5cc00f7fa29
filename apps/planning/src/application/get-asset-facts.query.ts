import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { AssetFact } from '../domain/upgrade-plan.commands.js';
import { PlanFacts } from './plan-facts.js';

/** Each asset as the inventory view has it now (null for one it does not know), in the order asked. */
export class GetAssetFacts extends Query<(AssetFact | null)[]> {
  constructor(readonly assetIds: string[]) {
    super();
  }
}

export const GetAssetFactsHandler = queryHandlerFor(GetAssetFacts, PlanFacts, (facts, { assetIds }) =>
  Promise.all(assetIds.map((assetId) => facts.asset(assetId))),
);
