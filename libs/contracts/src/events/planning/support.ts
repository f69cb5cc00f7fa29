import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime, nonEmptyText } from '../common.js';

/**
 * People behind the plan: the support roles that must be reachable during the window, who is on
 * call when (the support roster, one stream per shift), and the acts by which the people the
 * rollback plan names take their part (the decision owner accepts, an approver acknowledges).
 */

export const SUPPORT_ROLES = ['application-owner', 'dba', 'network', 'security', 'vendor'] as const;
export const supportRole = z.enum(SUPPORT_ROLES);

export const SupportRolesRequired = defineEvent({
  type: 'SupportRolesRequired',
  producer: 'planning',
  description: 'The support roles that must have somebody on call for the whole maintenance window.',
  schema: z.object({ upgradeId: id, roles: z.array(supportRole).min(1) }),
});

export const SupportShiftRecorded = defineEvent({
  type: 'SupportShiftRecorded',
  producer: 'planning',
  description: 'Who (an authenticated principal) is on call for a support role, from when to when.',
  schema: z.object({
    shiftId: id,
    role: supportRole,
    principal: id,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    recordedBy: id,
  }),
});

export const SupportShiftCancelled = defineEvent({
  type: 'SupportShiftCancelled',
  producer: 'planning',
  description: 'A recorded on-call shift no longer holds; windows it covered must be covered again.',
  schema: z.object({ shiftId: id, reason: nonEmptyText, cancelledBy: id }),
});

export const RollbackDecisionOwnershipAccepted = defineEvent({
  type: 'RollbackDecisionOwnershipAccepted',
  producer: 'planning',
  description: 'The principal the rollback plan names as decision owner accepted the role, by acting.',
  schema: z.object({ upgradeId: id, decisionOwner: id }),
});

export const IrreversibleChangeAcknowledged = defineEvent({
  type: 'IrreversibleChangeAcknowledged',
  producer: 'planning',
  description: 'An approver acknowledged, by acting, that the change can only be repaired forward.',
  schema: z.object({ upgradeId: id, acknowledgedBy: id }),
});
