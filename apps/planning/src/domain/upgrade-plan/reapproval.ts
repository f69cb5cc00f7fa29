import { accept } from '@upgrade-control/platform/domain';
import type { Plan, PlanEvent } from '../upgrade-plan.state.js';
import type { OnPlan, PlanDecision } from './context.js';

// Re-approval: an approval covers the plan as it stood. A material change after it (targets,
// backup or rollback plan, runbook, waivers, the monitoring period, a window outside the approved
// one) sends the plan back to approval with the change listed. Targets, backups, the rollback plan
// and the runbook change only in Draft, so after submission they cannot change at all; the
// commands still open after approval ask here.

/** Whether an approval (full or partial) already covers the plan, so that a change undoes it. */
const approvedSoFar = (plan: Plan) => plan.approvedVersion !== null;

/** The change's events, followed by ReapprovalRequired when the change is material after an approval. */
export function reapprovalIfMaterial(
  { plan, upgradeId }: OnPlan,
  change: string | null,
  ...events: PlanEvent[]
): PlanDecision {
  if (change === null || !approvedSoFar(plan)) return accept(...events);
  return accept(...events, {
    type: 'ReapprovalRequired',
    payload: { upgradeId, changes: [change], approvedVersion: plan.approvedVersion! },
  });
}

/** A window counts as a change only outside the one the approval covered (if it covered one). */
export function windowChange(plan: Plan, window: { startsAt: string; endsAt: string }): string | null {
  const approved = plan.approvedWindow;
  if (!approved) return null;
  const inside =
    Date.parse(window.startsAt) >= Date.parse(approved.startsAt) &&
    Date.parse(window.endsAt) <= Date.parse(approved.endsAt);
  return inside
    ? null
    : `window ${window.startsAt} – ${window.endsAt} is outside the approved ${approved.startsAt} – ${approved.endsAt}`;
}
