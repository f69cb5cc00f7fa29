import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Finding } from '../domain/upgrade-plan.state.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

/** The plan's targets checked against the inventory now; null when there is no such plan. */
export class GetCompatibilityFindings extends Query<Finding[] | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetCompatibilityFindings)
export class GetCompatibilityFindingsHandler implements IQueryHandler<GetCompatibilityFindings> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
  ) {}

  async execute({ upgradeId }: GetCompatibilityFindings): Promise<Finding[] | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    return this.facts.compatibility(current.plan);
  }
}
