import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { NoticeLeadTimes } from '../domain/policy.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import type { Plan } from '../domain/upgrade-plan.state.js';
import { NOTICE_LEAD_TIMES } from './notice-lead-times.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

export type ReadinessFacts = Extract<PlanCommand, { type: 'MarkReadyForExecution' }>['gateFacts'];

/** Every gate's outside facts: compatibility now, and the freezes over the plan's window if it has one. */
export async function readinessFactsOf(
  facts: PlanFacts,
  plan: Plan,
  noticeLeadTimes: NoticeLeadTimes,
): Promise<ReadinessFacts> {
  const currentFindings = await facts.compatibility(plan);
  const freezesInWindow = plan.window ? await facts.freezes(plan, plan.window) : [];
  return { currentFindings, freezesInWindow, noticeLeadTimes };
}

/** What declaring the plan ready for execution decides on; null when there is no such plan. */
export class GetReadinessFacts extends Query<ReadinessFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetReadinessFacts)
export class GetReadinessFactsHandler implements IQueryHandler<GetReadinessFacts> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
    @Inject(NOTICE_LEAD_TIMES) private readonly leadTimes: NoticeLeadTimes,
  ) {}

  async execute({ upgradeId }: GetReadinessFacts): Promise<ReadinessFacts | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    return readinessFactsOf(this.facts, current.plan, this.leadTimes);
  }
}
