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
export function rollbackMinutes(plan: Plan, estimates: WindowEstimates): { minutes: number; from: string } {
  const candidates: [string, number][] = [
    ['window estimate', estimates.rollbackExecution],
    ...(plan.rollback ? [['rollback plan', plan.rollback.estimatedMinutes] as [string, number]] : []),
    ...(plan.rehearsal ? [['rehearsal', plan.rehearsal.durationMinutes] as [string, number]] : []),
    ...plan.backups.map((b): [string, number] => [`restore of ${b.backupId}`, b.expectedRestoreMinutes]),
    ...latestMeasuredRestore(plan).map((r): [string, number] => [
      `latest measured restore of ${r.backupId}`,
      r.minutes,
    ]),
  ];
  const minutes = Math.max(...candidates.map(([, m]) => m));
  return { minutes, from: candidates.map(([name, m]) => `${name} ${m}`).join(', ') };
}

/** The restore measured last (by when it finished), if any was. */
const latestMeasuredRestore = (plan: Plan) =>
  plan.measuredRestores.length
    ? [plan.measuredRestores.reduce((a, b) => (Date.parse(b.finishedAt) >= Date.parse(a.finishedAt) ? b : a))]
    : [];

/**
 * The rule book's window: preparation, final backup, upgrade, verification, repair time, the
 * rollback decision and the rollback itself must all fit. Null when they do; otherwise what is
 * short, with every part named.
 */
export function windowShortfall(plan: Plan, window: Interval, estimates: WindowEstimates): string | null {
  const e = estimates;
  const rollback = rollbackMinutes(plan, e);
  const needed =
    e.preparation + e.finalBackup + e.upgrade + e.verification + e.repairBuffer + e.rollbackDecision + rollback.minutes;
  const minutes = (Date.parse(window.endsAt) - Date.parse(window.startsAt)) / 60_000;
  if (minutes >= needed) return null;
  return `${needed - minutes} more minutes: the window is ${minutes} min, but preparation ${e.preparation} + final backup ${e.finalBackup} + upgrade ${e.upgrade} + verification ${e.verification} + repair buffer ${e.repairBuffer} + rollback decision ${e.rollbackDecision} + rollback ${rollback.minutes} = ${needed} min (rollback: the largest of ${rollback.from})`;
}
