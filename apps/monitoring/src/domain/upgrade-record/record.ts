import type { AnalysisConcluded, AnalysisMeasured, PayloadOf, SnapshotDiff } from '@upgrade-control/contracts';

export interface BackupVerification {
  evidence: 'measured' | 'not-recorded';
  verifiedBy: string | null;
  verifiedAt: string | null;
  checksum: { algorithm: string | null; digest: string };
  sizeBytes: number | null;
  restore: {
    target: string;
    startedAt: string | null;
    finishedAt: string | null;
    durationMs: number | null;
    objectsChecked: number | null;
  };
}

export interface SnapshotReference {
  snapshotId: string;
  contentHash: string;
  capturedAt: string;
  capturedBy: string | null;
}

export interface TargetConfiguration {
  assetId: string;
  before: SnapshotReference | null;
  after: SnapshotReference | null;
  /** Null until both snapshots (and their configurations) are in the record. */
  diff: SnapshotDiff | null;
}

/** One wave of a staged rollout as it ran (issue 18); stopped says how a regression ended it, if one did. */
export interface WaveTimeline {
  name: string;
  pilot: boolean;
  targets: string[];
  /** The execution's start for the first wave, its promotion for a later one. */
  startedAt: string | null;
  appliedAt: string | null;
  acceptedAt: string | null;
  bakeUntil: string | null;
  promotedAt: string | null;
  promotedBy: string | null;
  stopped: {
    kind: 'rolled-back' | 'held' | 'cancelled';
    /** Held only: kept the new version (an earlier wave) or paused before it started (a later one). */
    stance: 'kept' | 'paused' | null;
    reason: string;
    at: string;
  } | null;
  status: 'pending' | 'running' | 'applied' | 'accepted' | 'promoted' | 'rolled-back' | 'held' | 'cancelled';
}

/** Everything the rule book's FAQ asks of an upgrade record, compiled from the events alone. */
export interface UpgradeRecord {
  upgradeId: string;
  title: string | null;
  purpose: { category: string; statement: string; urgency: string } | null;
  outcome: 'in-progress' | 'succeeded' | 'rolled-back' | 'failed' | 'cancelled' | 'rejected';
  versions: { assetId: string; from: string; to: string; installed: string | null; restored: string | null }[];
  times: {
    proposedAt: string | null;
    window: { startsAt: string; endsAt: string } | null;
    executionStartedAt: string | null;
    appliedAt: string | null;
    acceptedAt: string | null;
    stableAt: string | null;
    closedAt: string | null;
  };
  responsibleStaff: { id: string; role: string; actions: string[] }[];
  approvals: { approver: string; at: string; comment: string }[];
  backups: {
    backupId: string;
    assetId: string | null;
    method: string | null;
    location: string | null;
    checksum: string | null;
    /** Who reported the backup taken, and when the server received it (null for version 1 reports). */
    takenBy: string | null;
    takenAt: string | null;
    verified: boolean;
    /** What the verifier measured; evidence "not-recorded" (version 1) leaves every measurement null. */
    verification: BackupVerification | null;
    failures: string[];
  }[];
  /** Each target's configuration snapshot before and after apply, as execution counted them, and their diff. */
  configurationSnapshots: TargetConfiguration[];
  /** Runbook steps skipped instead of completed: who skipped each and why. */
  skippedSteps: { stepId: string; skippedBy: string; reason: string; at: string }[];
  changedConfiguration: { assetId: string; path: string; before: unknown; after: unknown; stepId: string }[];
  tests: { environment: string; outcome: string; representativeData: boolean; loadTested: boolean; summary: string }[];
  acceptance: {
    criteria: { criterionId: string; core: boolean; passCondition: string; outcome: string | null }[];
    result: 'open' | 'passed' | 'failed';
  };
  issues: { kind: string; at: string; summary: string; resolved: boolean }[];
  rollback: {
    status: 'not-needed' | 'triggered' | 'completed' | 'forward-fix';
    trigger: string | null;
    reason: string | null;
    decidedBy: string | null;
    breakGlass: string | null;
    dataLossExposure: string | null;
  };
  /** sentAt is the server's receipt time; reportedSentAt the sender's own account, informative only. */
  notices: { phase: string; userGroups: string[]; channel: string; sentAt: string; reportedSentAt: string | null }[];
  followUps: {
    followUpId: string;
    description: string;
    owner: string;
    status: 'open' | 'closed';
    resolution: string | null;
  }[];
  /** The review an emergency change owes once execution finished; null for other changes. */
  postImplementationReview: {
    dueAt: string;
    status: 'open' | 'closed';
    closedBy: string | null;
    closedAt: string | null;
    findings: string | null;
    rootCause: string | null;
    lessons: string | null;
    followUps: {
      followUp: number;
      action: string;
      owner: string;
      dueAt: string;
      doneBy: string | null;
      doneAt: string | null;
    }[];
  } | null;
  /** The metric analysis after release (ADR 32), per metric and target. */
  analysis: {
    assetId: string;
    metric: string;
    baseline: { periods: { from: string; to: string }[]; valueCount: number; capturedAt: string } | null;
    runs: {
      run: number;
      from: string;
      to: string;
      observed: number | null;
      limit: number | null;
      pValue: number | null;
      verdict: PayloadOf<typeof AnalysisMeasured>['verdict'];
      reason: string;
    }[];
    conclusion: {
      outcome: PayloadOf<typeof AnalysisConcluded>['outcome'];
      action: PayloadOf<typeof AnalysisConcluded>['action'];
      reason: string;
      concludedAt: string;
    } | null;
    /** A finding that did not pass, accepted by whoever chose to continue despite it. */
    accepted: { by: string; reason: string; at: string } | null;
  }[];
  compatibility: {
    findings: number;
    incompatible: number;
    /** ruleId null: an unknown pair (no rule) was waived. */
    waivers: { ruleId: string | null; reason: string; approvedBy: string }[];
  };
  /**
   * The staged rollout, wave by wave, in the plan's order; absent (not empty) for an upgrade
   * without one: the record hash is over the whole object, and records compiled before waves
   * existed must keep their hash.
   */
  waves?: WaveTimeline[];
  eventCount: number;
}
