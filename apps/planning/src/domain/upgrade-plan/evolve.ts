import { assertNever } from '@upgrade-control/platform/domain';
import { evolveNotices } from '../notices.js';
import type { Plan, PlanEvent, PlanState, PlanStatus } from '../upgrade-plan.state.js';

export function evolve(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'UpgradeProposed') {
    const { urgencyOverride: _, ...p } = event.payload;
    return {
      status: 'Draft',
      plan: {
        ...p,
        targetsRevision: 0,
        impact: null,
        compatibility: null,
        waivers: [],
        backups: [],
        rollback: null,
        rehearsal: null,
        measuredRestores: [],
        analysis: [],
        waves: null,
        acceptance: null,
        testEvidence: null,
        testRuns: [],
        runbook: null,
        monitoringMinutes: null,
        window: null,
        notices: [],
        noticeRequests: [],
        submission: null,
        approvals: [],
        closeHeld: null,
        review: null,
        version: 1,
        approvedVersion: null,
        approvedWindow: null,
        reapproval: null,
        supportRoles: null,
        decisionOwnerAcceptedBy: null,
        irreversibleAcknowledgedBy: null,
      },
    };
  }
  if (state.status === 'None') return state;
  const { plan } = state;
  const next = (changes: Partial<Plan>, status: PlanStatus = state.status): PlanState => ({
    status,
    plan: { ...plan, ...changes, version: plan.version + 1 },
  });
  switch (event.type) {
    case 'UpgradeTargetAdded':
      return next({ targets: [...plan.targets, event.payload.target], targetsRevision: plan.targetsRevision + 1 });
    case 'ImpactAssessed':
      return next({ impact: { ...event.payload, revision: plan.targetsRevision } });
    case 'CompatibilityAssessed':
      return next({
        compatibility: { stage: event.payload.stage, findings: event.payload.findings, revision: plan.targetsRevision },
      });
    case 'CompatibilityWaived':
      return next({ waivers: [...plan.waivers, event.payload] });
    case 'BackupPlanned':
      return next({ backups: [...plan.backups, event.payload] });
    case 'RollbackPlanned':
      // A rehearsal proves the plan it rehearsed, and the people named accepted the plan they
      // read: a replaced plan must be rehearsed, accepted and acknowledged again.
      return next({
        rollback: event.payload,
        rehearsal: null,
        decisionOwnerAcceptedBy: null,
        irreversibleAcknowledgedBy: null,
      });
    case 'RollbackRehearsed':
      return next({ rehearsal: event.payload });
    case 'AcceptanceCriteriaDefined':
      return next({ acceptance: event.payload.criteria });
    case 'TestEvidenceRecorded':
      return next({ testEvidence: event.payload, testRuns: [...plan.testRuns, event.payload] });
    case 'RunbookDefined':
      return next({ runbook: event.payload.steps });
    case 'MonitoringPeriodDefined':
      return next({ monitoringMinutes: event.payload.minutes });
    case 'MaintenanceWindowScheduled':
      return next({ window: event.payload }, 'Scheduled');
    case 'UsersNotified':
      return next({ notices: [...plan.notices, event.payload] });
    case 'UpgradeSubmitted':
      return next({ submission: event.payload }, 'Submitted');
    case 'UpgradeApproved':
      if (!event.payload.fullyApproved)
        return next({
          approvals: [...plan.approvals, event.payload.approver],
          approvedVersion: event.payload.planVersion,
        });
      // Approved again after a change, a plan that has its window is scheduled as it was.
      return next(
        {
          approvals: [...plan.approvals, event.payload.approver],
          approvedVersion: event.payload.planVersion,
          approvedWindow: plan.window && { startsAt: plan.window.startsAt, endsAt: plan.window.endsAt },
          reapproval: null,
        },
        plan.window ? 'Scheduled' : 'Approved',
      );
    case 'ReapprovalRequired':
      return next(
        { approvals: [], reapproval: { changes: [...(plan.reapproval?.changes ?? []), ...event.payload.changes] } },
        'Submitted',
      );
    case 'UpgradeRejected':
      return next({}, 'Rejected');
    case 'UpgradeReadyForExecution':
      return next({}, 'ReadyForExecution');
    case 'UpgradeCancelled':
      return next({}, 'Cancelled');
    case 'UpgradeStatusChanged':
      return next({}, event.payload.status);
    case 'UpgradeCloseHeld':
      return next({ closeHeld: { causedByEventId: event.payload.causedByEventId, missing: event.payload.missing } });
    case 'UpgradeClosed':
      return next({}, 'Closed');
    case 'PostImplementationReviewDue':
      return next({ review: { dueAt: event.payload.dueAt, closed: null, followUpsDone: [] } });
    case 'PostImplementationReviewClosed':
      return next({ review: plan.review && { ...plan.review, closed: event.payload } });
    case 'PostImplementationFollowUpDone':
      return next({
        review: plan.review && {
          ...plan.review,
          followUpsDone: [...plan.review.followUpsDone, event.payload.followUp],
        },
      });
    case 'SupportRolesRequired':
      return next({ supportRoles: event.payload.roles });
    case 'RollbackDecisionOwnershipAccepted':
      return next({ decisionOwnerAcceptedBy: event.payload.decisionOwner });
    case 'IrreversibleChangeAcknowledged':
      return next({ irreversibleAcknowledgedBy: event.payload.acknowledgedBy });
    case 'NoticeRequested':
    case 'NoticeDelivered':
    case 'NoticeDeliveryFailed':
      return next({ noticeRequests: evolveNotices(plan.noticeRequests, event) });
    case 'RestoreMeasured':
      return next({ measuredRestores: [...plan.measuredRestores, event.payload] });
    case 'AnalysisDefined':
      return next({ analysis: event.payload.metrics });
    case 'WavesDefined': {
      const { waves, onRegression } = event.payload;
      return next({ waves: waves.length ? { waves, onRegression } : null });
    }
    default:
      return assertNever(event);
  }
}
