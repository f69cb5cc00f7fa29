import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { id, isoDateTime, nonEmptyText, versionString } from './common.js';
import { UpgradeReadyForExecution } from './planning.js';
import { BackupTaken, BackupVerificationFailed, BackupVerified } from './execution-backups.js';
import { ConfigurationSnapshotLinked } from './configuration-snapshots.js';
import {
  RolloutStarted,
  WaveAccepted,
  WaveCancelled,
  WaveHeld,
  WavePromoted,
  WaveRolledBack,
} from './execution-waves.js';

export * from './execution-backups.js';
export * from './execution-waves.js';

const installed = z.object({ assetId: id, version: versionString });

export const ExecutionStarted = defineEvent({
  type: 'ExecutionStarted',
  producer: 'execution',
  description: 'The runbook run began inside the window, after the start gates passed; carries the plan it executes.',
  schema: z.object({
    executionId: id,
    upgradeId: id,
    operator: id,
    startedAt: isoDateTime,
    readyEventId: id,
    plan: UpgradeReadyForExecution.schema,
  }),
});

export const StepStarted = defineEvent({
  type: 'StepStarted',
  producer: 'execution',
  description: 'An operator began a runbook step.',
  schema: z.object({ upgradeId: id, stepId: id, operator: id, startedAt: isoDateTime }),
});

const configChange = z.object({ assetId: id, path: z.string().min(1), before: z.unknown(), after: z.unknown() });

export const StepCompleted = defineEvent({
  type: 'StepCompleted',
  producer: 'execution',
  description: 'A runbook step finished, with output summary, duration and configuration changes.',
  schema: z.object({
    upgradeId: id,
    stepId: id,
    operator: id,
    outputSummary: z.string(),
    durationSeconds: z.number().nonnegative(),
    configurationChanges: z.array(configChange),
  }),
});

export const StepFailed = defineEvent({
  type: 'StepFailed',
  producer: 'execution',
  description: 'A runbook step failed.',
  schema: z.object({
    upgradeId: id,
    stepId: id,
    operator: id,
    error: nonEmptyText,
    durationSeconds: z.number().nonnegative(),
  }),
});

export const StepSkipped = defineEvent({
  type: 'StepSkipped',
  producer: 'execution',
  description: 'An approver skipped a runbook step that was not completed, with the reason.',
  schema: z.object({ upgradeId: id, stepId: id, skippedBy: id, reason: nonEmptyText }),
});

export const UpgradeApplied = defineEvent({
  type: 'UpgradeApplied',
  producer: 'execution',
  description: 'The new versions are installed; only after every planned backup was verified.',
  schema: z.object({ upgradeId: id, installed: z.array(installed).min(1), appliedAt: isoDateTime }),
});

export const AcceptanceCheckRecorded = defineEvent({
  type: 'AcceptanceCheckRecorded',
  producer: 'execution',
  description: 'The result of one acceptance criterion, core checks first.',
  schema: z.object({
    upgradeId: id,
    criterionId: id,
    outcome: z.enum(['passed', 'failed']),
    evidence: z.string(),
    checkedBy: id,
  }),
});

export const LogReviewRecorded = defineEvent({
  type: 'LogReviewRecorded',
  producer: 'execution',
  description: 'Findings from reviewing error logs, warnings, failed jobs and migration messages.',
  schema: z.object({
    upgradeId: id,
    findings: z.array(
      z.object({ severity: z.enum(['info', 'warning', 'error']), source: z.string(), message: z.string() }),
    ),
  }),
});

export const AcceptancePassed = defineEvent({
  type: 'AcceptancePassed',
  producer: 'execution',
  description: 'Every core acceptance check passed.',
  schema: z.object({ upgradeId: id, passedCriteria: z.array(id), monitoringMinutes: z.number().int().nonnegative() }),
});

export const AcceptanceFailed = defineEvent({
  type: 'AcceptanceFailed',
  producer: 'execution',
  description: 'One or more core acceptance checks failed; names them.',
  schema: z.object({ upgradeId: id, failedCriteria: z.array(id).min(1) }),
});

export const RollbackDecisionRequested = defineEvent({
  type: 'RollbackDecisionRequested',
  producer: 'execution',
  description:
    'A confirm-mode trigger fired: the decision owner must decide before the deadline, else the default applies.',
  schema: z.object({
    upgradeId: id,
    triggerId: id,
    decisionOwner: id,
    reason: nonEmptyText,
    decideBy: isoDateTime,
    defaultDecision: z.enum(['rollback', 'continue']),
  }),
});

export const RollbackDeclined = defineEvent({
  type: 'RollbackDeclined',
  producer: 'execution',
  description:
    'A requested rollback decision went to "continue": by the decision owner, or by the plan default at the deadline.',
  schema: z.object({ upgradeId: id, triggerId: id, decidedBy: id, reason: nonEmptyText }),
});

export const RollbackDryRunRecorded = defineEvent({
  type: 'RollbackDryRunRecorded',
  producer: 'execution',
  description: 'A dry-run trigger fired; nothing was rolled back, the record helps calibrate thresholds.',
  schema: z.object({ upgradeId: id, triggerId: id, reason: nonEmptyText }),
});

export const RollbackTriggered = defineEvent({
  type: 'RollbackTriggered',
  producer: 'execution',
  description: 'Going back to the previous working state; break-glass when inside a freeze or outside the window.',
  schema: z.object({
    upgradeId: id,
    trigger: z.enum(['manual', 'acceptance-failure', 'decision-deadline', 'regression', 'decision-timeout']),
    triggerId: id.nullable(),
    reason: nonEmptyText,
    decidedBy: id,
    breakGlass: z.object({ why: z.string() }).nullable(),
  }),
});

export const RollbackCompleted = defineEvent({
  type: 'RollbackCompleted',
  producer: 'execution',
  description: 'The previous versions are back; records what was restored and any data lost.',
  schema: z.object({
    upgradeId: id,
    restored: z.array(installed).min(1),
    dataLossExposure: z.string(),
    completedAt: isoDateTime,
  }),
});

export const ForwardFixDeclared = defineEvent({
  type: 'ForwardFixDeclared',
  producer: 'execution',
  description: 'A forward-fix-only plan cannot roll back; the repair path is declared instead.',
  schema: z.object({ upgradeId: id, plan: nonEmptyText, declaredBy: id }),
});

export const ExecutionCompleted = defineEvent({
  type: 'ExecutionCompleted',
  producer: 'execution',
  description: 'The run ended after acceptance passed; the after-change notice is now due.',
  schema: z.object({ upgradeId: id, completedAt: isoDateTime, afterNoticeDue: z.literal(true) }),
});

export const executionEvents = [
  ExecutionStarted,
  BackupTaken,
  BackupVerified,
  BackupVerificationFailed,
  StepStarted,
  StepCompleted,
  StepFailed,
  StepSkipped,
  ConfigurationSnapshotLinked,
  UpgradeApplied,
  AcceptanceCheckRecorded,
  LogReviewRecorded,
  AcceptancePassed,
  AcceptanceFailed,
  RollbackDecisionRequested,
  RollbackDeclined,
  RollbackDryRunRecorded,
  RollbackTriggered,
  RollbackCompleted,
  ForwardFixDeclared,
  ExecutionCompleted,
  RolloutStarted,
  WaveAccepted,
  WavePromoted,
  WaveRolledBack,
  WaveHeld,
  WaveCancelled,
] as const;
