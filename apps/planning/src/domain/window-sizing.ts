import { largestRollback, windowShortfall as shortfall, type RollbackTime } from '@upgrade-control/contracts';
import type { Interval } from './calendar.js';
import type { Plan } from './upgrade-plan.state.js';

export type WindowEstimates = NonNullable<Plan['window']>['estimates'];

/**
 * How long rolling back takes, on the evidence the plan holds: the largest of the window's own
 * estimate, the rollback plan's estimate, the measured duration of the rehearsal of the current
 * rollback plan, each planned backup's expected restore, and the latest restore execution measured
 * (issue 14: "the latest measured restore"). Each candidate is named, so a refusal can say which
 * one set it.
 */
export function rollbackMinutes(plan: Plan, estimates: WindowEstimates): RollbackTime {
  return largestRollback([
    ['window estimate', estimates.rollbackExecution],
    ...(plan.rollback ? [['rollback plan', plan.rollback.estimatedMinutes] as [string, number]] : []),
    ...(plan.rehearsal ? [['rehearsal', plan.rehearsal.durationMinutes] as [string, number]] : []),
    ...plan.backups.map((b): [string, number] => [`restore of ${b.backupId}`, b.expectedRestoreMinutes]),
    ...latestMeasuredRestore(plan).map((r): [string, number] => [
      `latest measured restore of ${r.backupId}`,
      r.minutes,
    ]),
  ]);
}

/** The restore measured last (by when it finished), if any was. */
const latestMeasuredRestore = (plan: Plan) =>
  plan.measuredRestores.length
    ? [plan.measuredRestores.reduce((a, b) => (Date.parse(b.finishedAt) >= Date.parse(a.finishedAt) ? b : a))]
    : [];

/**
 * The rule book's window (the sizing is shared with execution's start, see
 * @upgrade-control/contracts semantics/window-sizing.ts): null when it holds every part and the
 * rollback; otherwise what is short, with every part named.
 */
export const windowShortfall = (plan: Plan, window: Interval, estimates: WindowEstimates): string | null =>
  shortfall(window, estimates, rollbackMinutes(plan, estimates));
