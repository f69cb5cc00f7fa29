import {
  accept,
  assertNever,
  gateRefused,
  illegalTransition,
  invalid,
  notFound,
  refuse,
  type Decider,
  type Decision,
  type DomainError,
} from '@upgrade-control/platform/domain';
import { overlaps, peakOccurrencesIn } from './calendar.js';
import { evaluateGates, failing, SUBMIT_GATES } from './gates.js';
import { approvalPathOf, highest, MONITORING_MINUTES, riskOf, URGENCY_BY_CATEGORY } from './policy.js';
import type { PlanCommand } from './upgrade-plan.commands.js';
import type { Plan, PlanEvent, PlanState, PlanStatus } from './upgrade-plan.state.js';

const BEFORE_WINDOW: PlanStatus[] = ['Draft', 'Submitted', 'Approved', 'Scheduled', 'ReadyForExecution'];
const AFTER_WINDOW: PlanStatus[] = ['InExecution', 'Monitoring', 'Closed', 'RolledBack', 'Failed'];
const FOLLOWS: Record<'InExecution' | 'Monitoring' | 'RolledBack' | 'Failed', PlanStatus[]> = {
  InExecution: ['ReadyForExecution'],
  Monitoring: ['InExecution'],
  RolledBack: ['InExecution', 'Monitoring'],
  Failed: ['InExecution', 'Monitoring'],
};

function decide(command: PlanCommand, state: PlanState): Decision<PlanEvent> {
  if (command.type === 'ProposeUpgrade') return propose(command, state);
  if (state.status === 'None') return refuse(notFound('upgrade not found'));
  const { status, plan } = state;
  const upgradeId = plan.upgradeId;
  const allowedIn = (...statuses: PlanStatus[]): DomainError | null =>
    statuses.includes(status) ? null : illegalTransition(status, command.type);

  switch (command.type) {
    case 'AddTarget': {
      const refusal =
        allowedIn('Draft') ??
        targetProblem(command, 'assetId') ??
        (plan.targets.some((t) => t.assetId === command.assetId)
          ? invalid('assetId', 'unique', `${command.assetId} is already a target`)
          : null);
      if (refusal) return refuse(refusal);
      const target = { assetId: command.assetId, fromVersion: command.current!.version, toVersion: command.toVersion };
      return accept({ type: 'UpgradeTargetAdded', payload: { upgradeId, target, reason: command.reason } });
    }
    case 'AssessImpact': {
      const refusal = allowedIn('Draft');
      if (refusal) return refuse(refusal);
      const { facts } = command;
      const highestCriticality = highest([...facts.targets, ...facts.impacted].map((a) => a.criticality));
      const risk = riskOf({
        criticality: highestCriticality,
        impactedAssets: facts.impacted.length,
        reversibility: plan.rollback?.reversibility ?? null,
        urgency: plan.urgency,
      });
      return accept({
        type: 'ImpactAssessed',
        payload: {
          upgradeId,
          impactedAssets: facts.impacted.map(({ assetId, name, depth, criticality }) => ({
            assetId,
            name,
            depth,
            criticality,
          })),
          businessProcesses: facts.businessProcesses,
          userGroups: facts.userGroups,
          peakPeriods: facts.peakPeriods,
          highestCriticality,
          riskScore: risk.score,
          riskLevel: risk.level,
          slaNote: command.slaNote,
        },
      });
    }
    case 'AssessCompatibility': {
      const refusal = allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled');
      if (refusal) return refuse(refusal);
      return accept({
        type: 'CompatibilityAssessed',
        payload: { upgradeId, stage: 'manual', findings: command.findings },
      });
    }
    case 'WaiveCompatibility': {
      const refusal = allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled');
      if (refusal) return refuse(refusal);
      if (command.approver === plan.requestedBy)
        return refuse({
          kind: 'forbidden',
          message: 'separation of duties: the requester cannot waive a finding of their own plan',
        });
      const finding = plan.compatibility?.findings.find(
        (f) =>
          f.status === 'incompatible' &&
          f.ruleId === command.ruleId &&
          f.assetId === command.assetId &&
          f.otherAssetId === command.otherAssetId,
      );
      if (!finding)
        return refuse(
          notFound(
            `no incompatible finding for rule ${command.ruleId} between ${command.assetId} and ${command.otherAssetId}`,
          ),
        );
      const { ruleId, assetId, otherAssetId, reason, approver } = command;
      return accept({
        type: 'CompatibilityWaived',
        payload: { upgradeId, ruleId, assetId, otherAssetId, reason, approvedBy: approver },
      });
    }
    case 'PlanBackup': {
      const refusal =
        allowedIn('Draft') ??
        (!plan.targets.some((t) => t.assetId === command.assetId)
          ? invalid('assetId', 'target', `${command.assetId} is not a target of this upgrade`)
          : null) ??
        (plan.backups.some((b) => b.backupId === command.backupId)
          ? invalid('backupId', 'unique', `backup ${command.backupId} is already planned`)
          : null);
      if (refusal) return refuse(refusal);
      const { type: _, ...backup } = command;
      return accept({ type: 'BackupPlanned', payload: { upgradeId, ...backup } });
    }
    case 'PlanRollback': {
      const refusal = allowedIn('Draft');
      if (refusal) return refuse(refusal);
      const { type: _, ...rollback } = command;
      return accept({ type: 'RollbackPlanned', payload: { upgradeId, ...rollback } });
    }
    case 'RecordRollbackRehearsal': {
      const refusal =
        allowedIn('Draft', 'Submitted') ??
        (!plan.rollback ? invalid('rollback', 'planned-first', 'plan the rollback before rehearsing it') : null);
      if (refusal) return refuse(refusal);
      const { type: _, ...rehearsal } = command;
      return accept({ type: 'RollbackRehearsed', payload: { upgradeId, ...rehearsal } });
    }
    case 'DefineAcceptanceCriteria': {
      const refusal = allowedIn('Draft') ?? criteriaProblem(command.criteria);
      if (refusal) return refuse(refusal);
      return accept({
        type: 'AcceptanceCriteriaDefined',
        payload: { upgradeId, criteria: [...command.criteria].sort((a, b) => a.order - b.order) },
      });
    }
    case 'RecordTestEvidence': {
      const refusal = allowedIn('Draft');
      if (refusal) return refuse(refusal);
      const { type: _, ...evidence } = command;
      return accept({ type: 'TestEvidenceRecorded', payload: { upgradeId, ...evidence } });
    }
    case 'DefineRunbook': {
      const refusal =
        allowedIn('Draft') ??
        uniqueProblem(
          command.steps,
          'steps',
          (s) => s.stepId,
          (s) => s.order,
        );
      if (refusal) return refuse(refusal);
      return accept({
        type: 'RunbookDefined',
        payload: { upgradeId, steps: [...command.steps].sort((a, b) => a.order - b.order) },
      });
    }
    case 'DefineMonitoringPeriod': {
      const refusal = allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled');
      if (refusal) return refuse(refusal);
      return accept({
        type: 'MonitoringPeriodDefined',
        payload: { upgradeId, minutes: command.minutes, reason: command.reason },
      });
    }
    case 'SubmitUpgrade': {
      const refusal = allowedIn('Draft');
      if (refusal) return refuse(refusal);
      const gates = evaluateGates(plan, { ...command.gateFacts, currentFindings: command.findings }, SUBMIT_GATES);
      if (failing(gates).length)
        return refuse(
          gateRefused(
            `the plan cannot go to approval: ${failing(gates)
              .map((g) => g.gate)
              .join(', ')} not met`,
            gates,
          ),
        );
      const impact = plan.impact!;
      const reversibility = plan.rollback!.reversibility;
      const risk = riskOf({
        criticality: impact.highestCriticality,
        impactedAssets: impact.impactedAssets.length,
        reversibility,
        urgency: plan.urgency,
      });
      return accept(
        { type: 'CompatibilityAssessed', payload: { upgradeId, stage: 'submit', findings: command.findings } },
        {
          type: 'UpgradeSubmitted',
          payload: {
            upgradeId,
            riskScore: risk.score,
            riskLevel: risk.level,
            ...approvalPathOf(plan.urgency, risk.level, reversibility),
          },
        },
      );
    }
    case 'ApproveUpgrade': {
      const refusal = allowedIn('Submitted');
      if (refusal) return refuse(refusal);
      if (command.approver === plan.requestedBy)
        return refuse({
          kind: 'forbidden',
          message: `separation of duties: ${command.approver} requested this upgrade and cannot approve it`,
        });
      if (plan.approvals.includes(command.approver))
        return refuse(
          invalid(
            'approver',
            'distinct-approvers',
            `${command.approver} already approved; the next approval must come from someone else`,
          ),
        );
      const approvalsSoFar = plan.approvals.length + 1;
      const fullyApproved = approvalsSoFar >= plan.submission!.requiredApprovals;
      return accept({
        type: 'UpgradeApproved',
        payload: { upgradeId, approver: command.approver, comment: command.comment, approvalsSoFar, fullyApproved },
      });
    }
    case 'RejectUpgrade': {
      const refusal = allowedIn('Submitted');
      if (refusal) return refuse(refusal);
      if (command.approver === plan.requestedBy)
        return refuse({
          kind: 'forbidden',
          message: 'separation of duties: the requester cannot decide on their own plan; cancel it instead',
        });
      return accept({
        type: 'UpgradeRejected',
        payload: { upgradeId, approver: command.approver, reason: command.reason },
      });
    }
    case 'ScheduleMaintenanceWindow':
      return schedule(command, state.status, plan);
    case 'RecordNotice': {
      const refusal = command.phase === 'before' ? allowedIn(...BEFORE_WINDOW) : allowedIn(...AFTER_WINDOW);
      if (refusal) return refuse(refusal);
      const { type: _, ...notice } = command;
      return accept({ type: 'UsersNotified', payload: { upgradeId, ...notice } });
    }
    case 'MarkReadyForExecution': {
      const refusal = allowedIn('Scheduled');
      if (refusal) return refuse(refusal);
      const gates = evaluateGates(plan, command.gateFacts);
      if (failing(gates).length)
        return refuse(
          gateRefused(
            `the upgrade is not ready for execution: ${failing(gates)
              .map((g) => g.gate)
              .join(', ')} not met`,
            gates,
          ),
        );
      return accept(
        {
          type: 'CompatibilityAssessed',
          payload: { upgradeId, stage: 'readiness', findings: command.gateFacts.currentFindings },
        },
        { type: 'UpgradeReadyForExecution', payload: readiness(plan) },
      );
    }
    case 'CancelUpgrade': {
      const refusal = allowedIn(...BEFORE_WINDOW);
      if (refusal) return refuse(refusal);
      return accept({ type: 'UpgradeCancelled', payload: { upgradeId, reason: command.reason } });
    }
    case 'FollowExecution': {
      if (status === command.status) return accept();
      const refusal = allowedIn(...FOLLOWS[command.status]);
      if (refusal) return refuse(refusal);
      return accept({
        type: 'UpgradeStatusChanged',
        payload: { upgradeId, status: command.status, causedByEventId: command.causedByEventId },
      });
    }
    case 'CloseUpgrade': {
      if (status === 'Closed') return accept();
      const refusal = allowedIn('Monitoring');
      if (refusal) return refuse(refusal);
      // Emergencies took the short path; the review they skipped is owed afterwards.
      return accept({
        type: 'UpgradeClosed',
        payload: { upgradeId, outcome: 'succeeded', postImplementationReviewRequired: plan.urgency === 'emergency' },
      });
    }
    default:
      return assertNever(command);
  }
}

function propose(command: Extract<PlanCommand, { type: 'ProposeUpgrade' }>, state: PlanState): Decision<PlanEvent> {
  if (state.status !== 'None')
    return refuse(invalid('upgradeId', 'unique', `upgrade ${command.upgradeId} already exists`));
  if (command.purpose.trim().length < 10)
    return refuse(
      invalid(
        'purpose',
        'practical-statement',
        'purpose must say in practical terms why, e.g. "fix authentication vulnerability"',
      ),
    );
  for (const [i, target] of command.targets.entries()) {
    const problem = targetProblem(target, `targets[${i}]`);
    if (problem) return refuse(problem);
  }
  if (new Set(command.targets.map((t) => t.assetId)).size !== command.targets.length)
    return refuse(invalid('targets', 'unique', 'each asset may be a target once'));
  const derived = URGENCY_BY_CATEGORY[command.category];
  const override =
    command.urgencyOverride && command.urgencyOverride.urgency !== derived ? command.urgencyOverride : null;
  return accept({
    type: 'UpgradeProposed',
    payload: {
      upgradeId: command.upgradeId,
      title: command.title,
      category: command.category,
      purpose: command.purpose,
      urgency: override?.urgency ?? derived,
      urgencyOverride: override && { from: derived, justification: override.justification },
      targets: command.targets.map((t) => ({
        assetId: t.assetId,
        fromVersion: t.current!.version,
        toVersion: t.toVersion,
      })),
      requestedBy: command.requestedBy,
    },
  });
}

function targetProblem(
  target: { assetId: string; toVersion: string; current: { version: string; status: string } | null },
  field: string,
): DomainError | null {
  if (!target.current) return notFound(`asset ${target.assetId} is not in the inventory`);
  if (target.current.status !== 'active')
    return invalid(`${field}.assetId`, 'active', `asset ${target.assetId} is retired`);
  if (target.current.version === target.toVersion)
    return invalid(`${field}.toVersion`, 'differs-from-current', `${target.assetId} already runs ${target.toVersion}`);
  return null;
}

function criteriaProblem(criteria: Plan['acceptance'] & object): DomainError | null {
  const duplicate = uniqueProblem(
    criteria,
    'criteria',
    (c) => c.criterionId,
    (c) => c.order,
  );
  if (duplicate) return duplicate;
  if (!criteria.some((c) => c.core))
    return invalid('criteria', 'core-first', 'at least one core criterion is needed: test core functions first');
  const lastCore = Math.max(...criteria.filter((c) => c.core).map((c) => c.order));
  const firstSecondary = Math.min(...criteria.filter((c) => !c.core).map((c) => c.order));
  if (firstSecondary < lastCore)
    return invalid(
      'criteria',
      'core-first',
      'core criteria must come before secondary ones: do not spend early verification time on minor functions',
    );
  return null;
}

function uniqueProblem<T>(
  items: T[],
  field: string,
  id: (t: T) => string,
  order: (t: T) => number,
): DomainError | null {
  if (new Set(items.map(id)).size !== items.length) return invalid(field, 'unique-ids', `${field} ids must be unique`);
  if (new Set(items.map(order)).size !== items.length)
    return invalid(field, 'unique-order', `${field} orders must be unique`);
  return null;
}

function schedule(
  command: Extract<PlanCommand, { type: 'ScheduleMaintenanceWindow' }>,
  status: PlanStatus,
  plan: Plan,
): Decision<PlanEvent> {
  if (status !== 'Approved' && status !== 'Scheduled') return refuse(illegalTransition(status, command.type));
  const window = { startsAt: command.startsAt, endsAt: command.endsAt };
  const [start, end] = [Date.parse(command.startsAt), Date.parse(command.endsAt)];
  if (end <= start) return refuse(invalid('endsAt', 'after-start', 'the window must end after it starts'));
  if (start <= command.now.getTime())
    return refuse(invalid('startsAt', 'future', 'the window must start in the future'));
  const e = command.estimates;
  const needed =
    e.preparation +
    e.finalBackup +
    e.upgrade +
    e.verification +
    e.repairBuffer +
    e.rollbackDecision +
    e.rollbackExecution;
  const minutes = (end - start) / 60_000;
  const problems: string[] = [];
  if (minutes < needed) {
    problems.push(
      `${needed - minutes} more minutes: the window is ${minutes} min, but preparation ${e.preparation} + final backup ${e.finalBackup} + upgrade ${e.upgrade} + verification ${e.verification} + repair buffer ${e.repairBuffer} + rollback decision ${e.rollbackDecision} + rollback ${e.rollbackExecution} = ${needed} min`,
    );
  }
  for (const freeze of command.conflicts.freezes.filter((f) => overlaps(f, window))) {
    problems.push(
      `no overlap with change freeze "${freeze.name}" (${freeze.freezeId}, ${freeze.startsAt} – ${freeze.endsAt})`,
    );
  }
  for (const period of plan.impact?.peakPeriods ?? []) {
    for (const peak of peakOccurrencesIn(period, window))
      problems.push(
        `no overlap with peak period "${period.name}" (${period.timeZone}, ${peak.startsAt} – ${peak.endsAt})`,
      );
  }
  for (const other of command.conflicts.otherUpgrades.filter(
    (o) => o.upgradeId !== plan.upgradeId && overlaps(o, window),
  )) {
    problems.push(
      `no overlap with upgrade "${other.title}" (${other.upgradeId}, ${other.startsAt} – ${other.endsAt}) touching ${other.sharedAssets.join(', ')}`,
    );
  }
  if (problems.length) {
    return refuse(
      gateRefused(`the maintenance window is refused: ${problems[0]}`, [
        {
          gate: 'maintenance-window',
          rule: 'Control the maintenance window: long enough to roll back, outside freezes, peak periods and other upgrades.',
          status: 'failed',
          missing: problems,
          fix: 'choose another or a longer window',
        },
      ]),
    );
  }
  const rollbackDecisionDeadline = new Date(end - e.rollbackExecution * 60_000).toISOString();
  return accept({
    type: 'MaintenanceWindowScheduled',
    payload: { upgradeId: plan.upgradeId, ...window, estimates: e, rollbackDecisionDeadline },
  });
}

function readiness(plan: Plan) {
  const rollback = plan.rollback!;
  const window = plan.window!;
  const criticality = plan.impact!.highestCriticality;
  return {
    upgradeId: plan.upgradeId,
    targets: plan.targets,
    window: {
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      rollbackDecisionDeadline: window.rollbackDecisionDeadline,
    },
    backups: plan.backups.map(({ backupId, assetId, scope }) => ({ backupId, assetId, scope })),
    steps: plan.runbook!,
    acceptanceCriteria: plan.acceptance!.map(({ criterionId, order, kind, core, passCondition }) => ({
      criterionId,
      order,
      kind,
      core,
      passCondition,
    })),
    rollback: {
      decisionOwner: rollback.decisionOwner,
      reversibility: rollback.reversibility,
      rollbackOnAcceptanceFailure: rollback.triggers.some(
        (t) => t.kind === 'acceptance-failure' && t.mode === 'automatic',
      ),
      triggers: rollback.triggers,
      confirmTimeoutMinutes: rollback.confirmTimeoutMinutes,
      defaultDecision: rollback.defaultDecision,
    },
    monitoringMinutes: plan.monitoringMinutes ?? MONITORING_MINUTES[criticality],
    compatibilityWaivers: plan.waivers.map(({ ruleId, assetId, otherAssetId }) => ({ ruleId, assetId, otherAssetId })),
  };
}

function evolve(state: PlanState, event: PlanEvent): PlanState {
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
        acceptance: null,
        testEvidence: null,
        runbook: null,
        monitoringMinutes: null,
        window: null,
        notices: [],
        submission: null,
        approvals: [],
      },
    };
  }
  if (state.status === 'None') return state;
  const { plan } = state;
  const next = (changes: Partial<Plan>, status: PlanStatus = state.status): PlanState => ({
    status,
    plan: { ...plan, ...changes },
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
      return next({ rollback: event.payload });
    case 'RollbackRehearsed':
      return next({ rehearsal: event.payload });
    case 'AcceptanceCriteriaDefined':
      return next({ acceptance: event.payload.criteria });
    case 'TestEvidenceRecorded':
      return next({ testEvidence: event.payload });
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
      return next(
        { approvals: [...plan.approvals, event.payload.approver] },
        event.payload.fullyApproved ? 'Approved' : 'Submitted',
      );
    case 'UpgradeRejected':
      return next({}, 'Rejected');
    case 'UpgradeReadyForExecution':
      return next({}, 'ReadyForExecution');
    case 'UpgradeCancelled':
      return next({}, 'Cancelled');
    case 'UpgradeStatusChanged':
      return next({}, event.payload.status);
    case 'UpgradeClosed':
      return next({}, 'Closed');
    default:
      return assertNever(event);
  }
}

export const upgradePlanDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'None' }),
};

export const upgradeStreamId = (upgradeId: string) => `upgrade-${upgradeId}`;
