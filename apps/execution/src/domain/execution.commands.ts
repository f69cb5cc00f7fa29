import type {
  Actor,
  CapturedBaseline,
  ChecksumAlgorithm,
  PayloadOf,
  WindowEstimates,
} from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';
import type { ReadyPlan } from './execution.state.js';

type TriggerMode = (typeof E.TRIGGER_MODES)[number];

/** What the clock and the calendar say right now; decides whether a rollback is break-glass. */
export interface Moment {
  now: Date;
  activeFreezes: { freezeId: string; name: string }[];
}

/** A freeze in force over an asset that depends on a target (directly or transitively). */
export interface ImpactedFreeze {
  freezeId: string;
  name: string;
  assetId: string;
}

/** The evidence the start checks the ready plan against, from planning's and monitoring's events. */
export interface StartEvidence {
  estimates: WindowEstimates | null;
  baselines: CapturedBaseline[];
}

/** The plan's waves and regression policy as planning defined them (WavesDefined), when it has waves. */
export interface PlannedRollout {
  waves: E.Wave[];
  onRegression: E.RegressionPolicy;
}

type Finding = PayloadOf<typeof E.CompatibilityAssessed>['findings'][number];

export type ExecutionCommand =
  | {
      type: 'StartExecution';
      upgradeId: string;
      executionId: string;
      readiness: { plan: ReadyPlan; readyEventId: string; cancelled: boolean; rollout?: PlannedRollout | null } | null;
      findings: Finding[];
      /** Freezes in force now over the assets the upgrade impacts (not its targets), each with the asset. */
      impactedFreezes: ImpactedFreeze[];
      /** What execution heard since: the window's parts as scheduled (null if never heard), the baselines. */
      evidence: StartEvidence;
      operator: string;
      moment: Moment;
    }
  | {
      type: 'RecordBackupTaken';
      backupId: string;
      what: string;
      method: string;
      location: string;
      sizeBytes: number;
      /** "algorithm:hex digest", computed by the taker. */
      checksum: string;
      /** Informative only: the client's own account of when the backup ran. */
      reportedStartedAt: string | null;
      reportedFinishedAt: string | null;
      takenBy: Actor;
      now: Date;
    }
  | {
      type: 'VerifyBackup';
      backupId: string;
      checksum: { algorithm: ChecksumAlgorithm; digest: string };
      sizeBytes: number;
      restore: { target: string; startedAt: string; finishedAt: string; objectsChecked: number; succeeded: boolean };
      verifiedBy: Actor;
      now: Date;
    }
  | { type: 'StartStep'; stepId: string; operator: string; now: Date }
  | ({ type: 'CompleteStep' } & Omit<PayloadOf<typeof E.StepCompleted>, 'upgradeId'>)
  | ({ type: 'FailStep' } & Omit<PayloadOf<typeof E.StepFailed>, 'upgradeId'> & { moment: Moment })
  | { type: 'SkipStep'; stepId: string; reason: string; skippedBy: Actor }
  | ({ type: 'RecordConfigurationSnapshot' } & Omit<PayloadOf<typeof E.ConfigurationSnapshotLinked>, 'upgradeId'>)
  | { type: 'ApplyUpgrade'; now: Date }
  | {
      type: 'RecordAcceptanceCheck';
      criterionId: string;
      outcome: 'passed' | 'failed';
      evidence: string;
      checkedBy: string;
      moment: Moment;
    }
  | { type: 'RecordLogReview'; findings: PayloadOf<typeof E.LogReviewRecorded>['findings'] }
  | { type: 'TriggerRollback'; reason: string; decidedBy: Actor; breakGlassWhy: string | null; moment: Moment }
  | { type: 'DecideRollback'; decision: 'rollback' | 'continue'; reason: string; decidedBy: Actor; moment: Moment }
  | {
      type: 'ReactToRegression';
      triggerId: string | null;
      metric: string;
      assetId: string;
      reason: string;
      moment: Moment;
      /**
       * A finding that carries its own mode (a concluded metric analysis, ADR 32) acts by it under
       * its triggerId; without one, the plan's matching rollback trigger decides.
       */
      mode?: TriggerMode;
    }
  | { type: 'WatchDeadlines'; moment: Moment }
  | { type: 'CompleteRollback'; dataLossExposure: string; now: Date }
  | { type: 'DeclareForwardFix'; plan: string; declaredBy: string }
  | { type: 'CompleteExecution'; now: Date }
  | { type: 'PromoteWave'; wave: string; promotedBy: Actor; moment: Moment };
