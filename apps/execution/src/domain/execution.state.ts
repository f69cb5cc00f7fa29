import type { DomainEventOf, executionEvents, PayloadOf } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';

/** Every event of execution's contract: all of them are the execution stream's. */
export type ExecutionEvent = DomainEventOf<(typeof executionEvents)[number]>;

export type ReadyPlan = PayloadOf<typeof E.UpgradeReadyForExecution>;
export type BackupState = {
  taken: PayloadOf<typeof E.BackupTaken> | null;
  verified: boolean;
  failed: string | null;
  /** How long the verification's restore took, measured; null until a measured verification. */
  restoreMs?: number | null;
};

/** An inventory snapshot execution counted as a target's configuration, by phase then target. */
export type LinkedSnapshot = PayloadOf<typeof E.ConfigurationSnapshotLinked>;
export type TargetSnapshots = Record<E.SnapshotPhase, Record<string, LinkedSnapshot>>;

export interface Run {
  upgradeId: string;
  startedAt: string;
  plan: ReadyPlan;
  backups: Record<string, BackupState>;
  steps: Record<string, 'started' | 'completed' | 'failed' | 'skipped'>;
  applied: boolean;
  appliedAt: string | null;
  snapshots: TargetSnapshots;
  checks: Record<string, 'passed' | 'failed'>;
  acceptance: 'open' | 'passed' | 'failed';
  pendingDecision: PayloadOf<typeof E.RollbackDecisionRequested> | null;
  rollback: PayloadOf<typeof E.RollbackTriggered> | null;
  /** The plan's waves as execution runs them (ADR 37); null for a plan without waves. */
  rollout: Rollout | null;
}

/**
 * Where each wave stands. `steps`, `applied`, `checks` and `acceptance` of the run are the running
 * wave's: a promotion starts them afresh for the next wave.
 */
export type WaveStatus = 'pending' | 'running' | 'accepted' | 'promoted' | 'rolled-back' | 'held' | 'cancelled';
export interface WaveProgress {
  status: WaveStatus;
  /** When the wave's targets were installed; null until its UpgradeApplied. */
  appliedAt: string | null;
  acceptedAt: string | null;
  bakeUntil: string | null;
}
export interface Rollout {
  waves: E.Wave[];
  onRegression: E.RegressionPolicy;
  /** Index of the running (or last accepted) wave. */
  current: number;
  progress: Record<string, WaveProgress>;
}

export type ExecutionStatus = 'Running' | 'Completed' | 'RollingBack' | 'RolledBack' | 'ForwardFixing';
export type ExecutionState = { status: 'NotStarted' } | { status: ExecutionStatus; run: Run };
