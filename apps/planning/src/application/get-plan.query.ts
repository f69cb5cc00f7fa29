import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanReadModel, type CurrentPlan } from './plan-read-model.js';

/** The plan as its events make it now, or null when there is none. */
export class GetPlan extends Query<CurrentPlan | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetPlan)
export class GetPlanHandler implements IQueryHandler<GetPlan> {
  constructor(private readonly plans: PlanReadModel) {}

  execute({ upgradeId }: GetPlan): Promise<CurrentPlan | null> {
    return this.plans.plan(upgradeId);
  }
}
