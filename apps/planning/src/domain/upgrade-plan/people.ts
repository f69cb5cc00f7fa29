import { accept, invalid, refuse, type DomainError } from '@upgrade-control/platform/domain';
import { SUPPORT_ROLE_ORDER } from '../support/coverage.js';
import type { Plan } from '../upgrade-plan.state.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';
import { reapprovalIfMaterial } from './reapproval.js';

// People are principals: the roles a window needs on call are named on the plan, and the people the
// rollback plan names take their part by acting themselves, as the authenticated caller.

/** Plan content is open until the window; after an approval a change goes back to approval. */
const UNTIL_WINDOW = ['Draft', 'Submitted', 'Approved', 'Scheduled'] as const;

export function requireSupportRoles(command: CommandOf<'RequireSupportRoles'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal =
    allowedIn(...UNTIL_WINDOW) ??
    (command.roles.length === 0
      ? invalid('roles', 'not-empty', `name the support roles that must be reachable: ${SUPPORT_ROLE_ORDER.join(', ')}`)
      : null);
  if (refusal) return refuse(refusal);
  const roles = SUPPORT_ROLE_ORDER.filter((r) => command.roles.includes(r));
  const before = plan.supportRoles?.join(', ') ?? 'none';
  const change = before === roles.join(', ') ? null : `support roles ${before} → ${roles.join(', ')}`;
  return reapprovalIfMaterial(on, change, { type: 'SupportRolesRequired', payload: { upgradeId, roles } });
}

/** The decision owner is whoever the rollback plan names, and only they can take the role on. */
export function acceptRollbackDecisionOwnership(
  command: CommandOf<'AcceptRollbackDecisionOwnership'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn(...UNTIL_WINDOW) ?? rollbackPlanned(plan, 'accepting its decision');
  if (refusal) return refuse(refusal);
  const { decisionOwner } = plan.rollback!;
  if (command.principal !== decisionOwner)
    return refuse({
      kind: 'forbidden',
      message: `only ${decisionOwner}, the decision owner the rollback plan names, can accept that role`,
    });
  if (plan.decisionOwnerAcceptedBy === decisionOwner) return accept();
  return accept({ type: 'RollbackDecisionOwnershipAccepted', payload: { upgradeId, decisionOwner } });
}

/**
 * A change that can only be repaired forward goes ahead knowingly: an approver other than the
 * requester acknowledges it, by acting (separation of duties, as for approvals and waivers).
 */
export function acknowledgeIrreversibleChange(
  command: CommandOf<'AcknowledgeIrreversibleChange'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn(...UNTIL_WINDOW) ?? rollbackPlanned(plan, 'acknowledging it');
  if (refusal) return refuse(refusal);
  if (plan.rollback!.reversibility !== 'forward-fix-only')
    return refuse(
      invalid(
        'rollback.reversibility',
        'forward-fix-only',
        'the rollback plan is reversible: there is no irreversible change to acknowledge',
      ),
    );
  if (command.approver === plan.requestedBy)
    return refuse({
      kind: 'forbidden',
      message: 'separation of duties: the requester cannot acknowledge the irreversible change of their own plan',
    });
  if (plan.irreversibleAcknowledgedBy) return accept();
  return accept({ type: 'IrreversibleChangeAcknowledged', payload: { upgradeId, acknowledgedBy: command.approver } });
}

function rollbackPlanned(plan: Plan, doing: string): DomainError | null {
  return plan.rollback
    ? null
    : invalid('rollback', 'planned-first', `plan the rollback (PUT /upgrades/{id}/rollback-plan) before ${doing}`);
}
