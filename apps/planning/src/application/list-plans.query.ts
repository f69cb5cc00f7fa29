import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import { PlanReadModel, type PlanSummary } from './plan-read-model.js';

/** A page of plans, newest first, of one status when given. */
export class ListPlans extends Query<Page<PlanSummary>> {
  constructor(
    readonly status: string | null,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListPlansHandler = queryHandlerFor(ListPlans, PlanReadModel, (plans, { status, page }) =>
  plans.list(status, page),
);
