import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { PlanReadModel, type CurrentPlan } from './plan-read-model.js';

/** The plan as its events make it now, or null when there is none. */
export class GetPlan extends Query<CurrentPlan | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetPlanHandler = queryHandlerFor(GetPlan, PlanReadModel, (plans, { upgradeId }) => plans.plan(upgradeId));
