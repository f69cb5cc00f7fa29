import type { DomainEventOf, PayloadOf, planningEvents } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';

/** Planning's events but the change calendar's freezes and the support roster's shifts: what a plan's stream holds. */
export type PlanEvent = Exclude<
  DomainEventOf<(typeof planningEvents)[number]>,
  { type: 'ChangeFreezeDeclared' | 'SupportShiftRecorded' | 'SupportShiftCancelled' }
>;

export const PLAN_STATUSES = [
  'Draft',
  'Submitted',
  'Approved',
  'Scheduled',
  'ReadyForExecution',
  'InExecution',
  'Monitoring',
  'Closed',
  'Rejected',
  'Cancelled',
  'RolledBack',
  'Failed',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export type Target = PayloadOf<typeof E.UpgradeProposed>['targets'][number];
export type Finding = PayloadOf<typeof E.CompatibilityAssessed>['findings'][number];

/** Everything the plan knows; which parts must exist depends on the gates, not on the type. */
export interface Plan {
  upgradeId: string;
  title: string;
  category: PayloadOf<typeof E.UpgradeProposed>['category'];
  purpose: string;
  urgency: PayloadOf<typeof E.UpgradeProposed>['urgency'];
  requestedBy: string;
  targets: Target[];
  /** Bumped when targets change, so an impact or compatibility assessment of older targets is stale. */
  targetsRevision: number;
  impact: (PayloadOf<typeof E.ImpactAssessed> & { revision: number }) | null;
  compatibility: { stage: string; findings: Finding[]; revision: number } | null;
  waivers: PayloadOf<typeof E.CompatibilityWaived>[];
  backups: PayloadOf<typeof E.BackupPlanned>[];
  rollback: PayloadOf<typeof E.RollbackPlanned> | null;
  rehearsal: PayloadOf<typeof E.RollbackRehearsed> | null;
  /** Restores execution measured when it verified the plan's backups, in the order heard. */
  measuredRestores: PayloadOf<typeof E.RestoreMeasured>[];
  /** The metric analysis monitoring runs after release (issue 17); empty when the plan defines none. */
  analysis: PayloadOf<typeof E.AnalysisDefined>['metrics'];
  /** The staged rollout (issue 18): ordered waves and what a regression does; null: one window for every target. */
  waves: Omit<PayloadOf<typeof E.WavesDefined>, 'upgradeId'> | null;
  acceptance: PayloadOf<typeof E.AcceptanceCriteriaDefined>['criteria'] | null;
  testEvidence: PayloadOf<typeof E.TestEvidenceRecorded> | null;
  /** Every recorded test run, oldest first: the pilot evidence for the pairs each one names. */
  testRuns: PayloadOf<typeof E.TestEvidenceRecorded>[];
  runbook: PayloadOf<typeof E.RunbookDefined>['steps'] | null;
  monitoringMinutes: number | null;
  window: PayloadOf<typeof E.MaintenanceWindowScheduled> | null;
  /** Notices recorded before webhooks (UsersNotified): counted as told at their recorded time. */
  notices: PayloadOf<typeof E.UsersNotified>[];
  /** Notices requested as webhooks, with how each delivery ended so far (ADR 13). */
  noticeRequests: NoticeRequest[];
  submission: PayloadOf<typeof E.UpgradeSubmitted> | null;
  approvals: string[];
  /** The stream version the plan is at: every event moves it by one. */
  version: number;
  /** The plan version the last full approval approved, and the window it covered (if one was scheduled). */
  approvedVersion: number | null;
  approvedWindow: { startsAt: string; endsAt: string } | null;
  /** Material changes since that approval, waiting for approval again. */
  reapproval: { changes: string[] } | null;
  /** Stability was confirmed but closing waits for what is listed (e.g. the after-upgrade notice). */
  closeHeld: { causedByEventId: string; missing: string[] } | null;
  /** The support roles that must be on call for the whole window (support-roster.ts). */
  supportRoles: PayloadOf<typeof E.SupportRolesRequired>['roles'] | null;
  /** The principal who accepted the rollback plan's decision-owner role, by acting; reset with the plan. */
  decisionOwnerAcceptedBy: string | null;
  /** The approver who acknowledged a forward-fix-only change, by acting; reset with the rollback plan. */
  irreversibleAcknowledgedBy: string | null;
  /** An emergency's post-implementation review: due once execution finished, closed by an approver. */
  review: PostImplementationReview | null;
}

/** The review as its events made it: when it is due, how it was closed, which follow-ups are done. */
export interface PostImplementationReview {
  dueAt: string;
  closed: PayloadOf<typeof E.PostImplementationReviewClosed> | null;
  followUpsDone: number[];
}

/** A requested notice and the outcome of each of its deliveries that ended. */
export type NoticeRequest = PayloadOf<typeof E.NoticeRequested> & { outcomes: DeliveryOutcome[] };
export type DeliveryOutcome = {
  deliveryId: string;
  status: 'delivered' | 'failed';
  at: string;
  reason: string | null;
};

export type PlanState = { status: 'None' } | { status: PlanStatus; plan: Plan };
