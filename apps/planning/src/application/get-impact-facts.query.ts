import { Query } from '@nestjs/cqrs';
import type { ImpactFacts } from '../domain/upgrade-plan.commands.js';
import { planQueryHandler } from './plan-query.js';

/** What assessing the plan's business impact decides on; null when there is no such plan. */
export class GetImpactFacts extends Query<ImpactFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetImpactFactsHandler = planQueryHandler(GetImpactFacts, ({ plan, facts }) => facts.impact(plan));
