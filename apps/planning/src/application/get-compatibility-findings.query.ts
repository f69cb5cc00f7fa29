import { Query } from '@nestjs/cqrs';
import type { Finding } from '../domain/upgrade-plan.state.js';
import { planQueryHandler } from './plan-query.js';

/** The plan's targets checked against the inventory now; null when there is no such plan. */
export class GetCompatibilityFindings extends Query<Finding[] | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetCompatibilityFindingsHandler = planQueryHandler(GetCompatibilityFindings, ({ plan, facts }) =>
  facts.compatibility(plan),
);
