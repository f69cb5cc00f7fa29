import type { DomainEventOf, PayloadOf, planningEvents } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';

/** Planning's events but the change calendar's freezes: what a plan's stream holds. */
export type PlanEvent = Exclude<DomainEventOf<(typeof planningEvents)[number]>, { type: 'ChangeFreezeDeclared' }>;

export type PlanStatus =
  | 'Draft'
  | 'Submitted'
  | 'Approved'
  | 'Scheduled'
  | 'ReadyForExecution'
  | 'InExecution'
  | 'Monitoring'
  | 'Closed'
  | 'Rejected'
  | 'Cancelled'
  | 'RolledBack'
  | 'Failed';

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
  acceptance: PayloadOf<typeof E.AcceptanceCriteriaDefined>['criteria'] | null;
  testEvidence: PayloadOf<typeof E.TestEvidenceRecorded> | null;
  runbook: PayloadOf<typeof E.RunbookDefined>['steps'] | null;
  monitoringMinutes: number | null;
  window: PayloadOf<typeof E.MaintenanceWindowScheduled> | null;
  notices: PayloadOf<typeof E.UsersNotified>[];
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
}

export type PlanState = { status: 'None' } | { status: PlanStatus; plan: Plan };
