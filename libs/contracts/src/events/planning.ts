/**
 * Planning's event contracts, one file per lifecycle phase under ./planning/. This module keeps the
 * public names in one place; the order of planningEvents is the catalogue's (and the AsyncAPI
 * document's) order, so it must not change.
 */
import { UpgradeProposed, UpgradeTargetAdded } from './planning/proposal.js';
import { CompatibilityAssessed, CompatibilityWaived, ImpactAssessed } from './planning/assessment.js';
import {
  AcceptanceCriteriaDefined,
  BackupPlanned,
  MonitoringPeriodDefined,
  RollbackPlanned,
  RollbackRehearsed,
  RunbookDefined,
  TestEvidenceRecorded,
} from './planning/preparation.js';
import { MaintenanceWindowScheduled, UsersNotified } from './planning/scheduling.js';
import { ChangeFreezeDeclared } from './planning/change-calendar.js';
import {
  ReapprovalRequired,
  UpgradeApproved,
  UpgradeReadyForExecution,
  UpgradeRejected,
  UpgradeSubmitted,
} from './planning/approval.js';
import { UpgradeCancelled, UpgradeCloseHeld, UpgradeClosed, UpgradeStatusChanged } from './planning/closing.js';
import {
  PostImplementationFollowUpDone,
  PostImplementationReviewClosed,
  PostImplementationReviewDue,
} from './planning/review.js';
import {
  IrreversibleChangeAcknowledged,
  RollbackDecisionOwnershipAccepted,
  SupportRolesRequired,
  SupportShiftCancelled,
  SupportShiftRecorded,
} from './planning/support.js';
import { NoticeDelivered, NoticeDeliveryFailed, NoticeRequested } from './planning/notices.js';
import { RestoreMeasured } from './planning/evidence.js';
import { AnalysisDefined } from './planning/analysis.js';
import { WavesDefined } from './planning/waves.js';

export { ACCEPTANCE_KINDS, PURPOSE_CATEGORIES, TRIGGER_MODES, URGENCIES } from './planning/vocabulary.js';
export * from './planning/proposal.js';
export * from './planning/assessment.js';
export * from './planning/preparation.js';
export * from './planning/scheduling.js';
export * from './planning/change-calendar.js';
export * from './planning/approval.js';
export * from './planning/closing.js';
export * from './planning/review.js';
export * from './planning/support.js';
export * from './planning/notices.js';
export * from './planning/evidence.js';
export * from './planning/analysis.js';
export * from './planning/analysis-template.js';
export * from './planning/waves.js';

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
  ReapprovalRequired,
  UpgradeReadyForExecution,
  UpgradeCancelled,
  UpgradeStatusChanged,
  UpgradeCloseHeld,
  UpgradeClosed,
  PostImplementationReviewDue,
  PostImplementationReviewClosed,
  PostImplementationFollowUpDone,
  SupportRolesRequired,
  SupportShiftRecorded,
  SupportShiftCancelled,
  RollbackDecisionOwnershipAccepted,
  IrreversibleChangeAcknowledged,
  NoticeRequested,
  NoticeDelivered,
  NoticeDeliveryFailed,
  RestoreMeasured,
  AnalysisDefined,
  WavesDefined,
] as const;
