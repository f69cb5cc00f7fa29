import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { criticality, id, isoDateTime, nonEmptyText, peakPeriod, versionString } from './common.js';

export const PURPOSE_CATEGORIES = [
  'security-fix',
  'bug-fix',
  'compliance',
  'end-of-support',
  'performance',
  'feature',
  'hardware-support',
  'architecture',
] as const;
export const URGENCIES = ['emergency', 'expedited', 'planned', 'optional'] as const;
export const ACCEPTANCE_KINDS = [
  'startup',
  'login',
  'core-workflow',
  'data-read-write',
  'report',
  'interface-call',
  'device',
  'scheduled-task',
  'permission',
  'backup-operation',
  'monitoring',
  'log-review',
  'user-confirmation',
] as const;
export const TRIGGER_MODES = ['automatic', 'confirm', 'dry-run'] as const;

const target = z.object({ assetId: id, fromVersion: versionString, toVersion: versionString });
const minutes = z.number().int().nonnegative();

export const UpgradeProposed = defineEvent({
  type: 'UpgradeProposed',
  producer: 'planning',
  description: 'A change request exists: why (category, statement), how urgent, and which assets to which versions.',
  schema: z.object({
    upgradeId: id,
    title: z.string().min(1),
    category: z.enum(PURPOSE_CATEGORIES),
    purpose: nonEmptyText,
    urgency: z.enum(URGENCIES),
    urgencyOverride: z.object({ from: z.enum(URGENCIES), justification: nonEmptyText }).nullable(),
    targets: z.array(target).min(1),
    requestedBy: id,
  }),
});

export const UpgradeTargetAdded = defineEvent({
  type: 'UpgradeTargetAdded',
  producer: 'planning',
  description: 'Another asset joins the plan (e.g. a driver that must move with the database).',
  schema: z.object({ upgradeId: id, target, reason: nonEmptyText }),
});

export const ImpactAssessed = defineEvent({
  type: 'ImpactAssessed',
  producer: 'planning',
  description:
    'Impact from the dependency graph: impacted assets, processes, user groups, peak periods and the risk score.',
  schema: z.object({
    upgradeId: id,
    impactedAssets: z.array(z.object({ assetId: id, name: z.string(), depth: z.number().int(), criticality })),
    businessProcesses: z.array(z.string()),
    userGroups: z.array(z.string()),
    peakPeriods: z.array(peakPeriod),
    highestCriticality: criticality,
    riskScore: z.number().min(0).max(100),
    riskLevel: z.enum(['low', 'medium', 'high', 'critical']),
    slaNote: z.string().nullable(),
  }),
});

const finding = z.object({
  ruleId: id.nullable(),
  status: z.enum(['compatible', 'incompatible', 'unknown']),
  assetId: id,
  assetVersion: versionString,
  otherAssetId: id,
  otherVersion: versionString,
  rule: z.string().nullable(),
  source: z.string().nullable(),
});

export const CompatibilityAssessed = defineEvent({
  type: 'CompatibilityAssessed',
  producer: 'planning',
  description: 'Targets checked against the compatibility rules and the current versions around them.',
  schema: z.object({ upgradeId: id, stage: z.enum(['submit', 'readiness', 'manual']), findings: z.array(finding) }),
});

export const CompatibilityWaived = defineEvent({
  type: 'CompatibilityWaived',
  producer: 'planning',
  description: 'An approver accepted a failing compatibility finding, with the reason.',
  schema: z.object({ upgradeId: id, ruleId: id, assetId: id, otherAssetId: id, reason: nonEmptyText, approvedBy: id }),
});

export const BackupPlanned = defineEvent({
  type: 'BackupPlanned',
  producer: 'planning',
  description: 'What will be backed up, how, where, for how long, and how it is restored.',
  schema: z.object({
    upgradeId: id,
    backupId: id,
    assetId: id,
    scope: z.enum(['data', 'configuration', 'data-and-configuration']),
    method: z.string().min(1),
    location: z.string().min(1),
    retentionDays: z.number().int().positive(),
    restoreMethod: z.string().min(1),
    expectedRestoreMinutes: minutes,
  }),
});

const rollbackTrigger = z.object({
  triggerId: id,
  kind: z.enum(['acceptance-failure', 'metric-threshold', 'decision-deadline']),
  mode: z.enum(TRIGGER_MODES),
  metric: z.string().nullable(),
  comparison: z.enum(['above-baseline-factor', 'above-absolute', 'below-absolute']).nullable(),
  threshold: z.number().nullable(),
  sustainedMinutes: minutes.nullable(),
  assetId: id.nullable(),
});

export const RollbackPlanned = defineEvent({
  type: 'RollbackPlanned',
  producer: 'planning',
  description: 'Who decides, what triggers it, the steps, duration, data-loss exposure and reversibility.',
  schema: z.object({
    upgradeId: id,
    decisionOwner: id,
    triggers: z.array(rollbackTrigger),
    steps: z.array(z.string().min(1)).min(1),
    estimatedMinutes: minutes,
    dataLossExposure: z.string().min(1),
    reversibility: z.enum(['reversible', 'forward-fix-only']),
    irreversibleAcknowledgedBy: id.nullable(),
    confirmTimeoutMinutes: minutes,
    defaultDecision: z.enum(['rollback', 'continue']),
  }),
});

export const RollbackRehearsed = defineEvent({
  type: 'RollbackRehearsed',
  producer: 'planning',
  description: 'A rollback rehearsal and its result.',
  schema: z.object({
    upgradeId: id,
    outcome: z.enum(['succeeded', 'partial', 'failed']),
    durationMinutes: minutes,
    notes: z.string(),
  }),
});

export const AcceptanceCriteriaDefined = defineEvent({
  type: 'AcceptanceCriteriaDefined',
  producer: 'planning',
  description: 'What "successful" means, ordered core-first, each with a kind and a pass condition.',
  schema: z.object({
    upgradeId: id,
    criteria: z
      .array(
        z.object({
          criterionId: id,
          order: z.number().int().positive(),
          kind: z.enum(ACCEPTANCE_KINDS),
          core: z.boolean(),
          description: z.string().min(1),
          passCondition: z.string().min(1),
        }),
      )
      .min(1),
  }),
});

export const TestEvidenceRecorded = defineEvent({
  type: 'TestEvidenceRecorded',
  producer: 'planning',
  description: 'A test run in an environment resembling production.',
  schema: z.object({
    upgradeId: id,
    environment: z.string().min(1),
    representativeData: z.boolean(),
    rolesCovered: z.array(z.string()),
    integrationsCovered: z.array(z.string()),
    loadTested: z.boolean(),
    outcome: z.enum(['passed', 'passed-with-issues', 'failed']),
    summary: z.string(),
  }),
});

export const RunbookDefined = defineEvent({
  type: 'RunbookDefined',
  producer: 'planning',
  description: 'The ordered steps execution will run, including the final backup and the verification.',
  schema: z.object({
    upgradeId: id,
    steps: z.array(z.object({ stepId: id, order: z.number().int().positive(), description: z.string().min(1) })).min(1),
  }),
});

export const MonitoringPeriodDefined = defineEvent({
  type: 'MonitoringPeriodDefined',
  producer: 'planning',
  description: 'How long post-release monitoring lasts for this upgrade, instead of the default by criticality.',
  schema: z.object({ upgradeId: id, minutes: z.number().int().positive(), reason: nonEmptyText }),
});

export const MaintenanceWindowScheduled = defineEvent({
  type: 'MaintenanceWindowScheduled',
  producer: 'planning',
  description: 'The window, long enough for the upgrade and for rolling it back, with the rollback-decision deadline.',
  schema: z.object({
    upgradeId: id,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    estimates: z.object({
      preparation: minutes,
      finalBackup: minutes,
      upgrade: minutes,
      verification: minutes,
      repairBuffer: minutes,
      rollbackDecision: minutes,
      rollbackExecution: minutes,
    }),
    rollbackDecisionDeadline: isoDateTime,
  }),
});

export const ChangeFreezeDeclared = defineEvent({
  type: 'ChangeFreezeDeclared',
  producer: 'planning',
  description: 'A change freeze or blackout window on the change calendar.',
  schema: z.object({
    freezeId: id,
    kind: z.enum(['freeze', 'blackout']),
    name: z.string().min(1),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    scope: z.object({ all: z.boolean(), assetIds: z.array(id), sites: z.array(z.string()) }),
    reason: z.string(),
  }),
});

export const UsersNotified = defineEvent({
  type: 'UsersNotified',
  producer: 'planning',
  description: 'A notice to affected user groups, before or after the window.',
  schema: z.object({
    upgradeId: id,
    phase: z.enum(['before', 'after']),
    userGroups: z.array(z.string()).min(1),
    channel: z.string().min(1),
    sentAt: isoDateTime,
    message: z.object({
      expectedTime: z.string().nullable(),
      serviceImpact: z.string().nullable(),
      limitations: z.string().nullable(),
      contact: z.string().nullable(),
      avoid: z.string().nullable(),
      availableAgain: z.boolean().nullable(),
      changes: z.string().nullable(),
      knownIssues: z.string().nullable(),
    }),
  }),
});

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

export const UpgradeApproved = defineEvent({
  type: 'UpgradeApproved',
  producer: 'planning',
  description: 'One approval (separation of duties enforced); the plan is approved when enough are in.',
  schema: z.object({
    upgradeId: id,
    approver: id,
    comment: z.string(),
    approvalsSoFar: z.number().int(),
    fullyApproved: z.boolean(),
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

export const UpgradeCancelled = defineEvent({
  type: 'UpgradeCancelled',
  producer: 'planning',
  description: 'The plan was withdrawn before execution.',
  schema: z.object({ upgradeId: id, reason: nonEmptyText }),
});

export const UpgradeStatusChanged = defineEvent({
  type: 'UpgradeStatusChanged',
  producer: 'planning',
  description: 'The plan followed execution or monitoring into InExecution, Monitoring, RolledBack or Failed.',
  schema: z.object({
    upgradeId: id,
    status: z.enum(['InExecution', 'Monitoring', 'RolledBack', 'Failed']),
    causedByEventId: id,
  }),
});

export const UpgradeClosed = defineEvent({
  type: 'UpgradeClosed',
  producer: 'planning',
  description: 'Stability confirmed; the upgrade is closed. Emergency upgrades carry their review follow-up.',
  schema: z.object({
    upgradeId: id,
    outcome: z.enum(['succeeded', 'rolled-back', 'failed']),
    postImplementationReviewRequired: z.boolean(),
  }),
});

export const planningEvents = [
  UpgradeProposed,
  UpgradeTargetAdded,
  ImpactAssessed,
  CompatibilityAssessed,
  CompatibilityWaived,
  BackupPlanned,
  RollbackPlanned,
  RollbackRehearsed,
  AcceptanceCriteriaDefined,
  TestEvidenceRecorded,
  RunbookDefined,
  MonitoringPeriodDefined,
  MaintenanceWindowScheduled,
  ChangeFreezeDeclared,
  UsersNotified,
  UpgradeSubmitted,
  UpgradeApproved,
  UpgradeRejected,
  UpgradeReadyForExecution,
  UpgradeCancelled,
  UpgradeStatusChanged,
  UpgradeClosed,
] as const;
