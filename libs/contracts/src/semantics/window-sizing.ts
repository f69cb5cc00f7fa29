/**
 * The rule book's maintenance window, shared by planning (at scheduling and readiness) and
 * execution (at start): "The maintenance window should include preparation, final backup,
 * upgrade, verification, repair time, the rollback decision and the rollback itself."
 */

/** Minutes for each part of a window, as MaintenanceWindowScheduled carries them. */
export interface WindowEstimates {
  preparation: number;
  finalBackup: number;
  upgrade: number;
  verification: number;
  repairBuffer: number;
  rollbackDecision: number;
  rollbackExecution: number;
}

/** How long rolling back takes, and the named candidates it is the largest of. */
export interface RollbackTime {
  minutes: number;
  from: string;
}

/** The largest of the named candidates (estimates and measurements); each is named in `from`. */
export function largestRollback(candidates: [name: string, minutes: number][]): RollbackTime {
  const minutes = Math.max(...candidates.map(([, m]) => m));
  return { minutes, from: candidates.map(([name, m]) => `${name} ${m}`).join(', ') };
}

/**
 * Null when every part and the rollback fit between `startsAt` and `endsAt`; otherwise what is
 * short, with every part named. `span` words the time there is (e.g. "the window is 300 min").
 */
export function windowShortfall(
  window: { startsAt: string; endsAt: string },
  e: WindowEstimates,
  rollback: RollbackTime,
  span: (minutes: number) => string = (m) => `the window is ${m} min`,
): string | null {
  const needed =
    e.preparation + e.finalBackup + e.upgrade + e.verification + e.repairBuffer + e.rollbackDecision + rollback.minutes;
  const minutes = Math.floor((Date.parse(window.endsAt) - Date.parse(window.startsAt)) / 60_000);
  if (minutes >= needed) return null;
  return `${needed - minutes} more minutes: ${span(minutes)}, but preparation ${e.preparation} + final backup ${e.finalBackup} + upgrade ${e.upgrade} + verification ${e.verification} + repair buffer ${e.repairBuffer} + rollback decision ${e.rollbackDecision} + rollback ${rollback.minutes} = ${needed} min (rollback: the largest of ${rollback.from})`;
}
