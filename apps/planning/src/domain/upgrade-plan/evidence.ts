import { accept } from '@upgrade-control/platform/domain';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';

// Evidence from execution: what it measured is recorded on the plan, whatever the plan's status
// (a verification can reach planning before the plan follows execution into InExecution).

/**
 * A restore execution timed while verifying a backup: the rollback estimate takes it as a
 * candidate (window-sizing.ts). A redelivered verification is recorded once.
 */
export function recordMeasuredRestore(
  command: CommandOf<'RecordMeasuredRestore'>,
  { plan, upgradeId }: OnPlan,
): PlanDecision {
  if (plan.measuredRestores.some((r) => r.causedByEventId === command.causedByEventId)) return accept();
  const { type: _, ...restore } = command;
  return accept({
    type: 'RestoreMeasured',
    payload: { upgradeId, ...restore, minutes: Math.ceil(restore.durationMs / 60_000) },
  });
}
