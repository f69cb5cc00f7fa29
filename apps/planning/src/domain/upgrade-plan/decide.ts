import { assertNever, notFound, refuse } from '@upgrade-control/platform/domain';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import type { PlanState } from '../upgrade-plan.state.js';
import { defineAnalysis } from './analysis.js';
import { approveUpgrade, cancelUpgrade, rejectUpgrade, submitUpgrade, waiveCompatibility } from './approval.js';
import { onPlan, type PlanDecision } from './context.js';
import {
  addTarget,
  assessCompatibility,
  assessImpact,
  defineAcceptanceCriteria,
  defineMonitoringPeriod,
  defineRunbook,
  planBackup,
  planRollback,
  proposeUpgrade,
  recordRollbackRehearsal,
  recordTestEvidence,
} from './drafting.js';
import { recordMeasuredRestore } from './evidence.js';
import { closeUpgrade, followExecution } from './following.js';
import {
  closePostImplementationReview,
  completeReviewFollowUp,
  owePostImplementationReview,
} from './post-implementation-review.js';
import { acceptRollbackDecisionOwnership, acknowledgeIrreversibleChange, requireSupportRoles } from './people.js';
import { recordNoticeDelivery, requestNotice, requestRollbackNotice } from './notices.js';
import { markReadyForExecution, scheduleMaintenanceWindow } from './scheduling.js';
import { defineWaves } from './waves.js';

/** Each command to its own rule, by lifecycle phase; every command but the proposal needs a plan. */
export function decide(command: PlanCommand, state: PlanState): PlanDecision {
  if (command.type === 'ProposeUpgrade') return proposeUpgrade(command, state);
  if (state.status === 'None') return refuse(notFound('upgrade not found'));
  const on = onPlan(command.type, state.status, state.plan);
  switch (command.type) {
    case 'AddTarget':
      return addTarget(command, on);
    case 'AssessImpact':
      return assessImpact(command, on);
    case 'AssessCompatibility':
      return assessCompatibility(command, on);
    case 'PlanBackup':
      return planBackup(command, on);
    case 'PlanRollback':
      return planRollback(command, on);
    case 'RecordRollbackRehearsal':
      return recordRollbackRehearsal(command, on);
    case 'DefineAcceptanceCriteria':
      return defineAcceptanceCriteria(command, on);
    case 'RecordTestEvidence':
      return recordTestEvidence(command, on);
    case 'DefineRunbook':
      return defineRunbook(command, on);
    case 'DefineMonitoringPeriod':
      return defineMonitoringPeriod(command, on);
    case 'DefineAnalysis':
      return defineAnalysis(command, on);
    case 'DefineWaves':
      return defineWaves(command, on);
    case 'WaiveCompatibility':
      return waiveCompatibility(command, on);
    case 'SubmitUpgrade':
      return submitUpgrade(command, on);
    case 'ApproveUpgrade':
      return approveUpgrade(command, on);
    case 'RejectUpgrade':
      return rejectUpgrade(command, on);
    case 'CancelUpgrade':
      return cancelUpgrade(command, on);
    case 'ScheduleMaintenanceWindow':
      return scheduleMaintenanceWindow(command, on);
    case 'RequestNotice':
      return requestNotice(command, on);
    case 'RequestRollbackNotice':
      return requestRollbackNotice(command, on);
    case 'RecordNoticeDelivery':
      return recordNoticeDelivery(command, on);
    case 'MarkReadyForExecution':
      return markReadyForExecution(command, on);
    case 'FollowExecution':
      return followExecution(command, on);
    case 'CloseUpgrade':
      return closeUpgrade(command, on);
    case 'OwePostImplementationReview':
      return owePostImplementationReview(command, on);
    case 'ClosePostImplementationReview':
      return closePostImplementationReview(command, on);
    case 'CompleteReviewFollowUp':
      return completeReviewFollowUp(command, on);
    case 'RequireSupportRoles':
      return requireSupportRoles(command, on);
    case 'AcceptRollbackDecisionOwnership':
      return acceptRollbackDecisionOwnership(command, on);
    case 'AcknowledgeIrreversibleChange':
      return acknowledgeIrreversibleChange(command, on);
    case 'RecordMeasuredRestore':
      return recordMeasuredRestore(command, on);
    default:
      return assertNever(command);
  }
}
