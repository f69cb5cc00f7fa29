import { accept, refuse } from '@upgrade-control/platform/domain';
import type { PlanStatus } from '../upgrade-plan.state.js';
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

export function closeUpgrade(
  _: CommandOf<'CloseUpgrade'>,
  { status, plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  if (status === 'Closed') return accept();
  const refusal = allowedIn('Monitoring');
  if (refusal) return refuse(refusal);
  // Emergencies took the short path; the review they skipped is owed afterwards.
  return accept({
    type: 'UpgradeClosed',
    payload: { upgradeId, outcome: 'succeeded', postImplementationReviewRequired: plan.urgency === 'emergency' },
  });
}
