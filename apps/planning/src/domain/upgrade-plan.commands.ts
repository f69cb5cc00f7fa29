import type { Actor, PayloadOf } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';
import type { AnalysisMetric, PromqlSyntax } from './analysis.js';
import type { GateFacts } from './gates.js';
import type { NoticePhase, NoticeSubscriber } from './notices.js';
import type { Criticality, MonitoringMinimums, Urgency } from './policy.js';
import type { OnCallShift, SupportRole } from './support/coverage.js';
import type { RegressionPolicy, WaveInventory, WaveRequest } from './waves.js';
import type { Finding, PlanStatus } from './upgrade-plan.state.js';

type Without<T, K extends keyof T> = Omit<T, K>;

/** What planning's inventory projection says about an asset, when the command needs it. */
export interface AssetFact {
  assetId: string;
  name: string;
  version: string;
  status: 'active' | 'retired';
  criticality: Criticality;
}

export interface ImpactFacts {
  targets: AssetFact[];
  impacted: (AssetFact & { depth: number })[];
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PayloadOf<typeof E.ImpactAssessed>['peakPeriods'];
}

export interface WindowConflictFacts {
  freezes: { freezeId: string; name: string; startsAt: string; endsAt: string }[];
  otherUpgrades: { upgradeId: string; title: string; startsAt: string; endsAt: string; sharedAssets: string[] }[];
}

export type PlanCommand =
  | {
      type: 'ProposeUpgrade';
      upgradeId: string;
      title: string;
      category: PayloadOf<typeof E.UpgradeProposed>['category'];
      purpose: string;
      urgencyOverride: { urgency: Urgency; justification: string } | null;
      targets: { assetId: string; toVersion: string; current: AssetFact | null }[];
      requestedBy: string;
    }
  | { type: 'AddTarget'; assetId: string; toVersion: string; current: AssetFact | null; reason: string }
  | { type: 'AssessImpact'; facts: ImpactFacts; slaNote: string | null }
  | { type: 'AssessCompatibility'; findings: Finding[] }
  | {
      type: 'WaiveCompatibility';
      /** The rule of an incompatible finding; null waives an unknown pair (no rule covers it). */
      ruleId: string | null;
      assetId: string;
      otherAssetId: string;
      reason: string;
      /** The authenticated principal waiving it. */
      approver: Actor;
    }
  | ({ type: 'PlanBackup' } & Without<PayloadOf<typeof E.BackupPlanned>, 'upgradeId'>)
  | ({ type: 'PlanRollback' } & Without<PayloadOf<typeof E.RollbackPlanned>, 'upgradeId'>)
  | ({ type: 'RecordRollbackRehearsal' } & Without<PayloadOf<typeof E.RollbackRehearsed>, 'upgradeId'>)
  | { type: 'DefineAcceptanceCriteria'; criteria: PayloadOf<typeof E.AcceptanceCriteriaDefined>['criteria'] }
  | ({ type: 'RecordTestEvidence' } & Without<PayloadOf<typeof E.TestEvidenceRecorded>, 'upgradeId'>)
  | { type: 'DefineRunbook'; steps: PayloadOf<typeof E.RunbookDefined>['steps'] }
  | { type: 'DefineMonitoringPeriod'; minutes: number; reason: string; minimums: MonitoringMinimums }
  /** `promql` is the parser (a port: domain/analysis.ts) each prometheus query is checked with. */
  | { type: 'DefineAnalysis'; metrics: AnalysisMetric[]; promql: PromqlSyntax }
  /** `inventory`: where the plan's targets are and the rules about their products, now. */
  | { type: 'DefineWaves'; waves: WaveRequest[]; onRegression: RegressionPolicy; inventory: WaveInventory }
  | { type: 'SubmitUpgrade'; findings: Finding[]; gateFacts: GateFacts }
  | { type: 'ApproveUpgrade'; approver: string; comment: string }
  | { type: 'RejectUpgrade'; approver: string; reason: string }
  | {
      type: 'ScheduleMaintenanceWindow';
      startsAt: string;
      endsAt: string;
      estimates: PayloadOf<typeof E.MaintenanceWindowScheduled>['estimates'];
      conflicts: WindowConflictFacts;
      /** Support roster shifts overlapping the window (support/coverage.ts). */
      onCall: OnCallShift[];
      now: Date;
    }
  | {
      type: 'RequestNotice';
      noticeId: string;
      phase: NoticePhase;
      userGroups: string[];
      channel: string;
      message: PayloadOf<typeof E.NoticeRequested>['message'];
      reportedSentAt: string | null;
      requestedBy: string;
      /** The subscriber endpoints registered for the requested groups now. */
      subscribers: NoticeSubscriber[];
      now: Date;
    }
  | { type: 'RequestRollbackNotice'; causedByEventId: string; subscribers: NoticeSubscriber[]; now: Date }
  | {
      type: 'RecordNoticeDelivery';
      deliveryId: string;
      attempts: number;
      outcome:
        { status: 'delivered'; statusCode: number } | { status: 'failed'; statusCode: number | null; reason: string };
      now: Date;
    }
  | { type: 'MarkReadyForExecution'; gateFacts: GateFacts & { currentFindings: Finding[] } }
  | { type: 'CancelUpgrade'; reason: string }
  | {
      type: 'FollowExecution';
      status: Extract<PlanStatus, 'InExecution' | 'Monitoring' | 'RolledBack' | 'Failed'>;
      causedByEventId: string;
    }
  | { type: 'CloseUpgrade'; causedByEventId: string }
  | { type: 'OwePostImplementationReview'; causedByEventId: string; now: Date; days: number }
  | {
      type: 'ClosePostImplementationReview';
      reviewer: Actor;
      findings: string;
      rootCause: string;
      lessons: string;
      /** Owner and due date are required; the decider refuses a follow-up without them, naming it. */
      followUps: { action: string; owner: string | null; dueAt: string | null }[];
      now: Date;
    }
  | { type: 'CompleteReviewFollowUp'; followUp: number; by: string }
  | { type: 'RequireSupportRoles'; roles: SupportRole[] }
  | { type: 'AcceptRollbackDecisionOwnership'; principal: string }
  | { type: 'AcknowledgeIrreversibleChange'; approver: string }
  | ({ type: 'RecordMeasuredRestore' } & Without<PayloadOf<typeof E.RestoreMeasured>, 'upgradeId' | 'minutes'>);
