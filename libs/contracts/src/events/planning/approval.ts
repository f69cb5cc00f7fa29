import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime, nonEmptyText } from '../common.js';
import { minutes, rollbackTrigger, target } from './vocabulary.js';

/** Approval: submission, approvers' decisions and the hand-off to execution once every gate passed. */

export const UpgradeSubmitted = defineEvent({
  type: 'UpgradeSubmitted',
  producer: 'planning',
  description: 'The plan went to approval.',
  schema: z.object({
    upgradeId: id,
    riskScore: z.number().min(0).max(100),
    riskLevel: z.enum(['low', 'medium', 'high', 'critical']),
    requiredApprovals: z.number().int().min(1).max(2),
    approvalPath: z.enum(['standard', 'strict', 'emergency']),
  }),
});

const approval = {
  upgradeId: id,
  approver: id,
  comment: z.string(),
  approvalsSoFar: z.number().int(),
  fullyApproved: z.boolean(),
};

export const UpgradeApproved = defineEvent({
  type: 'UpgradeApproved',
  schemaVersion: 2,
  producer: 'planning',
  description:
    'One approval (separation of duties enforced) of the plan as it stood at planVersion (its stream version); the plan is approved when enough are in.',
  schema: z.object({ ...approval, planVersion: z.number().int().nonnegative() }),
});

/** Version 1 did not name the plan version it approved; upcast on read (the version just before it). */
export const UpgradeApprovedV1 = defineEvent({
  type: 'UpgradeApproved',
  schemaVersion: 1,
  producer: 'planning',
  description: 'Superseded by version 2 (names the plan version it approved).',
  schema: z.object(approval),
});

export const ReapprovalRequired = defineEvent({
  type: 'ReapprovalRequired',
  producer: 'planning',
  description:
    'A material change after approval (targets, backup or rollback plan, runbook, waivers, monitoring period, a window outside the approved one) sent the plan back to approval; lists the changes.',
  schema: z.object({
    upgradeId: id,
    changes: z.array(nonEmptyText).min(1),
    approvedVersion: z.number().int().nonnegative(),
  }),
});

export const UpgradeRejected = defineEvent({
  type: 'UpgradeRejected',
  producer: 'planning',
  description: 'An approver refused the plan.',
  schema: z.object({ upgradeId: id, approver: id, reason: nonEmptyText }),
});

export const UpgradeReadyForExecution = defineEvent({
  type: 'UpgradeReadyForExecution',
  producer: 'planning',
  description: 'Every gate passed; execution may start inside the window. Carries what execution needs.',
  schema: z.object({
    upgradeId: id,
    targets: z.array(target),
    window: z.object({ startsAt: isoDateTime, endsAt: isoDateTime, rollbackDecisionDeadline: isoDateTime }),
    backups: z.array(z.object({ backupId: id, assetId: id, scope: z.string() })),
    steps: z.array(z.object({ stepId: id, order: z.number().int(), description: z.string() })),
    acceptanceCriteria: z.array(
      z.object({
        criterionId: id,
        order: z.number().int(),
        kind: z.string(),
        core: z.boolean(),
        passCondition: z.string(),
      }),
    ),
    rollback: z.object({
      decisionOwner: id,
      reversibility: z.enum(['reversible', 'forward-fix-only']),
      rollbackOnAcceptanceFailure: z.boolean(),
      triggers: z.array(rollbackTrigger),
      confirmTimeoutMinutes: minutes,
      defaultDecision: z.enum(['rollback', 'continue']),
    }),
    monitoringMinutes: minutes,
    compatibilityWaivers: z.array(z.object({ ruleId: id, assetId: id, otherAssetId: id })),
  }),
});
