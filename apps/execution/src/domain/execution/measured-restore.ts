import { gateRefused, type DomainError } from '@upgrade-control/platform/domain';
import type { Run } from '../execution.state.js';
import { gate } from './shared.js';

/**
 * "If the upgrade itself needs one hour but rollback needs three hours, the window must reflect
 * that reality." Planning sized the window with the rollback time it knew; the backups taken in the
 * window are the first to measure a restore of this data. Before the change is applied (the last
 * moment a rollback is still only a plan) a measured restore must fit in the time the window keeps
 * for the rollback, from the decision deadline to its end; otherwise rolling back would overrun it.
 */
export function restoreOverrunsWindow(run: Run, refusal: string): DomainError | null {
  const { endsAt, rollbackDecisionDeadline } = run.plan.window;
  const keptMinutes = (Date.parse(endsAt) - Date.parse(rollbackDecisionDeadline)) / 60_000;
  const tooLong = Object.entries(run.backups)
    .filter(([, b]) => b.verified && typeof b.restoreMs === 'number' && b.restoreMs / 60_000 > keptMinutes)
    .map(([id, b]) => ({ id, minutes: Math.ceil(b.restoreMs! / 60_000) }));
  if (!tooLong.length) return null;
  return gateRefused(`${refusal}: a measured restore does not fit the time kept for the rollback`, [
    gate(
      'rollback-fits-window',
      'The window must be long enough to roll back: the measured restore counts in the rollback time.',
      tooLong.map(
        ({ id, minutes }) =>
          `a restore of backup ${id} within the ${keptMinutes} min from the rollback decision deadline ${rollbackDecisionDeadline} to the window's end (it measured ${minutes} min)`,
      ),
      'reschedule a longer window in planning (the measured restore now counts in its size), or make the restore faster and verify the backup again',
    ),
  ]);
}
