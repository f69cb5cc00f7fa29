import type { DomainEventOf, PayloadOf } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';

export type ExecutionEvent =
  | DomainEventOf<typeof E.ExecutionStarted>
  | DomainEventOf<typeof E.BackupTaken>
  | DomainEventOf<typeof E.BackupVerified>
  | DomainEventOf<typeof E.BackupVerificationFailed>
  | DomainEventOf<typeof E.StepStarted>
  | DomainEventOf<typeof E.StepCompleted>
  | DomainEventOf<typeof E.StepFailed>
  | DomainEventOf<typeof E.StepSkipped>
  | DomainEventOf<typeof E.UpgradeApplied>
  | DomainEventOf<typeof E.AcceptanceCheckRecorded>
  | DomainEventOf<typeof E.LogReviewRecorded>
  | DomainEventOf<typeof E.AcceptancePassed>
  | DomainEventOf<typeof E.AcceptanceFailed>
  | DomainEventOf<typeof E.RollbackDecisionRequested>
  | DomainEventOf<typeof E.RollbackDeclined>
  | DomainEventOf<typeof E.RollbackDryRunRecorded>
  | DomainEventOf<typeof E.RollbackTriggered>
  | DomainEventOf<typeof E.RollbackCompleted>
  | DomainEventOf<typeof E.ForwardFixDeclared>
  | DomainEventOf<typeof E.ExecutionCompleted>;

export type ReadyPlan = PayloadOf<typeof E.UpgradeReadyForExecution>;
export type BackupState = { taken: PayloadOf<typeof E.BackupTaken> | null; verified: boolean; failed: string | null };

export interface Run {
  upgradeId: string;
  plan: ReadyPlan;
  backups: Record<string, BackupState>;
  steps: Record<string, 'started' | 'completed' | 'failed' | 'skipped'>;
  applied: boolean;
  checks: Record<string, 'passed' | 'failed'>;
  acceptance: 'open' | 'passed' | 'failed';
  pendingDecision: PayloadOf<typeof E.RollbackDecisionRequested> | null;
  rollback: PayloadOf<typeof E.RollbackTriggered> | null;
}

export type ExecutionStatus = 'Running' | 'Completed' | 'RollingBack' | 'RolledBack' | 'ForwardFixing';
export type ExecutionState = { status: 'NotStarted' } | { status: ExecutionStatus; run: Run };
