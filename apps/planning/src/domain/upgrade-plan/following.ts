import { accept, refuse } from '@upgrade-control/platform/domain';
import { closeMissing } from '../gates.js';
import type { Plan, PlanEvent, PlanStatus } from '../upgrade-plan.state.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';

// Following: once execution takes the plan, planning only mirrors what execution and monitoring
// report. A report can reach planning more than once, so a status the plan already has is accepted
// with no event.

/** The statuses each reported status may follow. */
const FOLLOWS: Record<CommandOf<'FollowExecution'>['status'], PlanStatus[]> = {
  InExecution: ['ReadyForExecution'],
  Monitoring: ['InExecution'],
  RolledBack: ['InExecution', 'Monitoring'],
  Failed: ['InExecution', 'Monitoring'],
};

export function followExecution(
  command: CommandOf<'FollowExecution'>,
  { status, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  if (status === command.status) return accept();
  const refusal = allowedIn(...FOLLOWS[command.status]);
  if (refusal) return refuse(refusal);
  return accept({
    type: 'UpgradeStatusChanged',
    payload: { upgradeId, status: command.status, causedByEventId: command.causedByEventId },
  });
}

/**
 * Monitoring confirmed stability. Users must hear the outcome before the upgrade closes; refusing
 * the close would leave a reaction that is never retried and a plan stuck in Monitoring, so the
 * close is held instead, with what is missing, and what was missing completes it: the after-upgrade
 * notice (recordNotice, scheduling.ts) or an emergency's review (post-implementation-review.ts).
 * A held close is not held again.
 */
export function closeUpgrade(
  command: CommandOf<'CloseUpgrade'>,
  { status, plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  if (status === 'Closed' || (status === 'Monitoring' && plan.closeHeld)) return accept();
  const refusal = allowedIn('Monitoring');
  if (refusal) return refuse(refusal);
  const missing = closeMissing(plan);
  if (missing.length)
    return accept({
      type: 'UpgradeCloseHeld',
      payload: { upgradeId, causedByEventId: command.causedByEventId, missing },
    });
  return accept(closed(plan));
}

/** Emergencies took the short path; the review they skipped is owed afterwards. */
export const closed = (plan: Plan): PlanEvent => ({
  type: 'UpgradeClosed',
  payload: {
    upgradeId: plan.upgradeId,
    outcome: 'succeeded',
    postImplementationReviewRequired: plan.urgency === 'emergency',
  },
});
