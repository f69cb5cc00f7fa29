import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { PlanReadModel, type PlanSummary } from './plan-read-model.js';

/** Plans, newest first, of one status when given. */
export class ListPlans extends Query<PlanSummary[]> {
  constructor(readonly status: string | null) {
    super();
  }
}

export const ListPlansHandler = queryHandlerFor(ListPlans, PlanReadModel, (plans, { status }) => plans.list(status));
