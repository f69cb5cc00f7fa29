import { Query } from '@nestjs/cqrs';
import type { MonitoringMinimums, NoticeLeadTimes } from '../domain/policy.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import type { Plan } from '../domain/upgrade-plan.state.js';
import { PlanFacts } from './plan-facts.js';
import { planQueryHandler } from './plan-query.js';
import type { RosterReadModel } from './support-roster.js';

export type ReadinessFacts = Extract<PlanCommand, { type: 'MarkReadyForExecution' }>['gateFacts'];

/** Every gate's outside facts: compatibility now, the freezes and on-call shifts over the plan's window if it has one, the baselines. */
export async function readinessFactsOf(
  facts: PlanFacts,
  plan: Plan,
  noticeLeadTimes: NoticeLeadTimes,
  roster: RosterReadModel,
  monitoringMinimums: MonitoringMinimums,
): Promise<ReadinessFacts> {
  const currentFindings = await facts.compatibility(plan);
  const freezesInWindow = plan.window ? await facts.freezes(plan, plan.window) : [];
  // The roster may have changed since the window was scheduled: read it again.
  const onCall = plan.window ? await roster.shifts(plan.window.startsAt, plan.window.endsAt) : [];
  const baselines = await facts.baselines(plan.upgradeId);
  return { currentFindings, freezesInWindow, noticeLeadTimes, onCall, baselines, monitoringMinimums };
}

/** What declaring the plan ready for execution decides on; null when there is no such plan. */
export class GetReadinessFacts extends Query<ReadinessFacts | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetReadinessFactsHandler = planQueryHandler(
  GetReadinessFacts,
  ({ plan, facts, leadTimes, roster, monitoringMinimums }) =>
    readinessFactsOf(facts, plan, leadTimes, roster, monitoringMinimums),
);
