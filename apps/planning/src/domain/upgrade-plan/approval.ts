import { accept, gateRefused, invalid, notFound, refuse, type DomainError } from '@upgrade-control/platform/domain';
import { evaluateGates, failing, SUBMIT_GATES } from '../gates.js';
import { approvalPathOf, riskOf } from '../policy.js';
import type { Plan } from '../upgrade-plan.state.js';
import { BEFORE_WINDOW, type CommandOf, type OnPlan, type PlanDecision } from './context.js';
import { reapprovalIfMaterial } from './reapproval.js';

// Approval: whether the upgrade goes ahead. The requester never decides on their own plan.

/** Separation of duties: a decision on a plan by the one who requested it is refused. */
export const byTheRequester = (approver: string, plan: Plan, why: string): DomainError | null =>
  approver === plan.requestedBy ? { kind: 'forbidden', message: `separation of duties: ${why}` } : null;

export function submitUpgrade(
  command: CommandOf<'SubmitUpgrade'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn('Draft');
  if (refusal) return refuse(refusal);
  const gates = evaluateGates(plan, { ...command.gateFacts, currentFindings: command.findings }, SUBMIT_GATES);
  if (failing(gates).length)
    return refuse(
      gateRefused(
        `the plan cannot go to approval: ${failing(gates)
          .map((g) => g.gate)
          .join(', ')} not met`,
        gates,
      ),
    );
  const impact = plan.impact!;
  const reversibility = plan.rollback!.reversibility;
  const risk = riskOf({
    criticality: impact.highestCriticality,
    impactedAssets: impact.impactedAssets.length,
    reversibility,
    urgency: plan.urgency,
  });
  return accept(
    { type: 'CompatibilityAssessed', payload: { upgradeId, stage: 'submit', findings: command.findings } },
    {
      type: 'UpgradeSubmitted',
      payload: {
        upgradeId,
        riskScore: risk.score,
        riskLevel: risk.level,
        ...approvalPathOf(plan.urgency, risk.level, reversibility),
      },
    },
  );
}

export function waiveCompatibility(command: CommandOf<'WaiveCompatibility'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal =
    allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled') ??
    // Only an approver accepts a compatibility risk, and it is the authenticated principal who does.
    (command.approver.role !== 'approver'
      ? {
          kind: 'forbidden' as const,
          message: `only an approver may waive a compatibility finding, not a ${command.approver.role}`,
        }
      : null) ??
    byTheRequester(command.approver.id, plan, 'the requester cannot waive a finding of their own plan');
  if (refusal) return refuse(refusal);
  const { ruleId, assetId, otherAssetId, reason, approver } = command;
  // A rule names an incompatible finding; without one the waiver is for an unknown pair.
  const finding = plan.compatibility?.findings.find(
    (f) =>
      (ruleId === null ? f.status === 'unknown' : f.status === 'incompatible' && f.ruleId === ruleId) &&
      f.assetId === assetId &&
      f.otherAssetId === otherAssetId,
  );
  if (!finding)
    return refuse(
      notFound(
        ruleId === null
          ? `no unknown compatibility pair ${assetId} with ${otherAssetId} in the latest assessment`
          : `no incompatible finding for rule ${ruleId} between ${assetId} and ${otherAssetId}`,
      ),
    );
  const what = ruleId === null ? 'unknown pair' : `finding ${ruleId}`;
  return reapprovalIfMaterial(on, `compatibility ${what} waived (${assetId} with ${otherAssetId})`, {
    type: 'CompatibilityWaived',
    payload: {
      upgradeId,
      status: ruleId === null ? 'unknown' : 'incompatible',
      ruleId,
      assetId,
      otherAssetId,
      reason,
      approvedBy: approver.id,
    },
  });
}

export function approveUpgrade(
  command: CommandOf<'ApproveUpgrade'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal =
    allowedIn('Submitted') ??
    byTheRequester(command.approver, plan, `${command.approver} requested this upgrade and cannot approve it`);
  if (refusal) return refuse(refusal);
  if (plan.approvals.includes(command.approver))
    return refuse(
      invalid(
        'approver',
        'distinct-approvers',
        `${command.approver} already approved; the next approval must come from someone else`,
      ),
    );
  const approvalsSoFar = plan.approvals.length + 1;
  const fullyApproved = approvalsSoFar >= plan.submission!.requiredApprovals;
  return accept({
    type: 'UpgradeApproved',
    payload: {
      upgradeId,
      approver: command.approver,
      comment: command.comment,
      approvalsSoFar,
      fullyApproved,
      planVersion: plan.version,
    },
  });
}

export function rejectUpgrade(
  command: CommandOf<'RejectUpgrade'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal =
    allowedIn('Submitted') ??
    byTheRequester(command.approver, plan, 'the requester cannot decide on their own plan; cancel it instead');
  if (refusal) return refuse(refusal);
  return accept({
    type: 'UpgradeRejected',
    payload: { upgradeId, approver: command.approver, reason: command.reason },
  });
}

export function cancelUpgrade(command: CommandOf<'CancelUpgrade'>, { upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal = allowedIn(...BEFORE_WINDOW);
  if (refusal) return refuse(refusal);
  return accept({ type: 'UpgradeCancelled', payload: { upgradeId, reason: command.reason } });
}
