import type { Type } from '@nestjs/common';
import type { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { MonitoringMinimums, NoticeLeadTimes } from '../domain/policy.js';
import { MONITORING_MINIMUMS } from './monitoring-minimums.js';
import { NOTICE_LEAD_TIMES } from './notice-lead-times.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel, type CurrentPlan } from './plan-read-model.js';
import { RosterReadModel } from './support-roster.js';

/** A plan as it is now, with what questions about it are answered from. */
export type PlanNow = CurrentPlan & {
  facts: PlanFacts;
  leadTimes: NoticeLeadTimes;
  roster: RosterReadModel;
  monitoringMinimums: MonitoringMinimums;
};

/** The handler of a query about one plan: null when there is no such plan, else `answer` on it as it is now. */
export const planQueryHandler = <R, Q extends Query<R | null> & { upgradeId: string }>(
  query: Type<Q> & Type<Query<R | null>>,
  answer: (plan: PlanNow, query: Q) => Promise<NoInfer<R>>,
) =>
  queryHandlerFor(
    query,
    [PlanReadModel, PlanFacts, NOTICE_LEAD_TIMES, RosterReadModel, MONITORING_MINIMUMS],
    async ([plans, facts, leadTimes, roster, monitoringMinimums], q) => {
      const current = await plans.plan(q.upgradeId);
      return current && answer({ ...current, facts, leadTimes, roster, monitoringMinimums }, q);
    },
  );
