import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanReadModel, type PlanSummary } from './plan-read-model.js';

/** Plans, newest first, of one status when given. */
export class ListPlans extends Query<PlanSummary[]> {
  constructor(readonly status: string | null) {
    super();
  }
}

@QueryHandler(ListPlans)
export class ListPlansHandler implements IQueryHandler<ListPlans> {
  constructor(private readonly plans: PlanReadModel) {}

  execute({ status }: ListPlans): Promise<PlanSummary[]> {
    return this.plans.list(status);
  }
}
