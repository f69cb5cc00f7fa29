import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ImpactFacts } from '../domain/upgrade-plan.commands.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

/** What assessing the plan's business impact decides on; null when there is no such plan. */
export class GetImpactFacts extends Query<ImpactFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetImpactFacts)
export class GetImpactFactsHandler implements IQueryHandler<GetImpactFacts> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
  ) {}

  async execute({ upgradeId }: GetImpactFacts): Promise<ImpactFacts | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    return this.facts.impact(current.plan);
  }
}
