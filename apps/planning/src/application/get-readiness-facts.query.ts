import { Query } from '@nestjs/cqrs';
import type { MonitoringMinimums, NoticeLeadTimes } from '../domain/policy.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import type { Plan } from '../domain/upgrade-plan.state.js';
import { PlanFacts } from './plan-facts.js';
import { planQueryHandler } from './plan-query.js';

export type ReadinessFacts = Extract<PlanCommand, { type: 'MarkReadyForExecution' }>['gateFacts'];

/** Every gate's outside facts: compatibility now, the freezes over the plan's window if it has one, the baselines. */
export async function readinessFactsOf(
  facts: PlanFacts,
  plan: Plan,
  noticeLeadTimes: NoticeLeadTimes,
  monitoringMinimums: MonitoringMinimums,
): Promise<ReadinessFacts> {
  const currentFindings = await facts.compatibility(plan);
  const freezesInWindow = plan.window ? await facts.freezes(plan, plan.window) : [];
  const baselines = await facts.baselines(plan.upgradeId);
  return { currentFindings, freezesInWindow, noticeLeadTimes, baselines, monitoringMinimums };
}

/** What declaring the plan ready for execution decides on; null when there is no such plan. */
export class GetReadinessFacts extends Query<ReadinessFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetReadinessFactsHandler = planQueryHandler(
  GetReadinessFacts,
  ({ plan, facts, leadTimes, monitoringMinimums }) => readinessFactsOf(facts, plan, leadTimes, monitoringMinimums),
);
