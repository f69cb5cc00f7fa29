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
  type GateResult,
} from '@upgrade-control/platform/domain';
import type { ExecutionCommand, Moment } from './execution.commands.js';
import type { ExecutionEvent, ExecutionState, ExecutionStatus, Run } from './execution.state.js';

const SYSTEM = 'execution-service';
const gate = (name: string, rule: string, missing: string[], fix: string): GateResult => ({
  gate: name,
  rule,
  status: 'failed',
  missing,
  fix,
});

function decide(command: ExecutionCommand, state: ExecutionState): Decision<ExecutionEvent> {
  if (command.type === 'StartExecution') return start(command, state);
  if (state.status === 'NotStarted') return refuse(notFound('no execution has started for this upgrade'));
  const { status, run } = state;
  const upgradeId = run.upgradeId;
  const inStatus = (...allowed: ExecutionStatus[]) =>
    allowed.includes(status) ? null : illegalTransition(status, command.type);

  switch (command.type) {
    case 'RecordBackupTaken': {
      const refusal =
        inStatus('Running') ??
        (run.backups[command.backupId] ? null : notFound(`backup ${command.backupId} is not in the plan`));
      if (refusal) return refuse(refusal);
      const { type: _, ...taken } = command;
      return accept({ type: 'BackupTaken', payload: { upgradeId, ...taken } });
    }
    case 'VerifyBackup': {
      const backup = run.backups[command.backupId];
      const refusal =
        inStatus('Running') ??
        (!backup
          ? notFound(`backup ${command.backupId} is not in the plan`)
          : !backup.taken
            ? invalid('backupId', 'taken-first', `backup ${command.backupId} has not been taken yet`)
            : null);
      if (refusal) return refuse(refusal);
      const expected = backup!.taken!.checksum;
      // "A backup that has never been tested is only an assumption": a failed check is recorded and blocks.
      const reason =
        command.checksum !== expected
          ? `checksum mismatch: taken ${expected}, verified ${command.checksum}`
          : !command.restoreTest.succeeded
            ? `restore test on ${command.restoreTest.target} failed`
            : null;
      if (reason)
        return accept({ type: 'BackupVerificationFailed', payload: { upgradeId, backupId: command.backupId, reason } });
      return accept({
        type: 'BackupVerified',
        payload: {
          upgradeId,
          backupId: command.backupId,
          checksum: command.checksum,
          restoreTest: { ...command.restoreTest, succeeded: true },
        },
      });
    }
    case 'StartStep': {
      const refusal = inStatus('Running') ?? stepProblem(run, command.stepId);
      if (refusal) return refuse(refusal);
      return accept({
        type: 'StepStarted',
        payload: {
          upgradeId,
          stepId: command.stepId,
          operator: command.operator,
          startedAt: command.now.toISOString(),
        },
      });
    }
    case 'CompleteStep':
    case 'FailStep': {
      const refusal =
        inStatus('Running') ??
        (run.steps[command.stepId] === 'started'
          ? null
          : invalid('stepId', 'started-first', `step ${command.stepId} is not running`));
      if (refusal) return refuse(refusal);
      if (command.type === 'FailStep') {
        const { type: _, ...failed } = command;
        return accept({ type: 'StepFailed', payload: { upgradeId, ...failed } });
      }
      const { type: _, ...completed } = command;
      return accept({ type: 'StepCompleted', payload: { upgradeId, ...completed } });
    }
    case 'ApplyUpgrade': {
      const refusal =
        inStatus('Running') ?? (run.applied ? invalid('upgradeId', 'once', 'the upgrade is already applied') : null);
      if (refusal) return refuse(refusal);
      const unverified = Object.entries(run.backups).filter(([, b]) => !b.verified);
      if (unverified.length) {
        const missing = unverified.map(([id, b]) =>
          b.failed
            ? `backup ${id} failed verification (${b.failed}); take and verify it again`
            : `backup ${id} verified (checksum and restore test)`,
        );
        return refuse(
          gateRefused(
            `the upgrade cannot be applied before every planned backup is verified: ${unverified.map(([id]) => id).join(', ')}`,
            [
              gate(
                'backup-verified',
                'Protect data before changing the environment: a backup that has never been tested is only an assumption.',
                missing,
                'take the backup, then record its checksum and a restore test',
              ),
            ],
          ),
        );
      }
      const installed = run.plan.targets.map((t) => ({ assetId: t.assetId, version: t.toVersion }));
      return accept({
        type: 'UpgradeApplied',
        payload: { upgradeId, installed, appliedAt: command.now.toISOString() },
      });
    }
    case 'RecordAcceptanceCheck':
      return recordCheck(command, status, run);
    case 'RecordLogReview': {
      const refusal = inStatus('Running', 'Completed');
      if (refusal) return refuse(refusal);
      return accept({ type: 'LogReviewRecorded', payload: { upgradeId, findings: command.findings } });
    }
    case 'TriggerRollback': {
      const refusal = inStatus('Running', 'Completed') ?? rollbackProblem(run);
      if (refusal) return refuse(refusal);
      const { decisionOwner } = run.plan.rollback;
      if (command.decidedBy.id !== decisionOwner && command.decidedBy.role !== 'approver') {
        return refuse({
          kind: 'forbidden',
          message: `only the decision owner (${decisionOwner}) or an approver may trigger the rollback`,
        });
      }
      return accept(
        rollback(run, command.moment, 'manual', null, command.reason, command.decidedBy.id, command.breakGlassWhy),
      );
    }
    case 'DecideRollback': {
      const pending = run.pendingDecision;
      const refusal =
        inStatus('Running', 'Completed') ??
        (!pending ? invalid('decision', 'requested', 'no rollback decision is pending') : null);
      if (refusal) return refuse(refusal);
      if (command.decidedBy.id !== pending!.decisionOwner && command.decidedBy.role !== 'approver') {
        return refuse({
          kind: 'forbidden',
          message: `only the decision owner (${pending!.decisionOwner}) or an approver may decide`,
        });
      }
      if (command.decision === 'continue') {
        return accept({
          type: 'RollbackDeclined',
          payload: {
            upgradeId,
            triggerId: pending!.triggerId,
            decidedBy: command.decidedBy.id,
            reason: command.reason,
          },
        });
      }
      return accept(
        rollback(run, command.moment, 'regression', pending!.triggerId, command.reason, command.decidedBy.id, null),
      );
    }
    case 'ReactToRegression': {
      if ((status !== 'Running' && status !== 'Completed') || run.rollback) return accept();
      const trigger = run.plan.rollback.triggers.find((t) =>
        command.triggerId
          ? t.triggerId === command.triggerId
          : t.kind === 'metric-threshold' &&
            t.metric === command.metric &&
            (t.assetId === null || t.assetId === command.assetId),
      );
      if (!trigger) return accept();
      switch (trigger.mode) {
        case 'automatic':
          return rollbackProblem(run)
            ? accept()
            : accept(rollback(run, command.moment, 'regression', trigger.triggerId, command.reason, SYSTEM, null));
        case 'confirm': {
          if (run.pendingDecision?.triggerId === trigger.triggerId) return accept();
          const decideBy = new Date(
            command.moment.now.getTime() + run.plan.rollback.confirmTimeoutMinutes * 60_000,
          ).toISOString();
          const { decisionOwner, defaultDecision } = run.plan.rollback;
          return accept({
            type: 'RollbackDecisionRequested',
            payload: {
              upgradeId,
              triggerId: trigger.triggerId,
              decisionOwner,
              reason: command.reason,
              decideBy,
              defaultDecision,
            },
          });
        }
        case 'dry-run':
          return accept({
            type: 'RollbackDryRunRecorded',
            payload: { upgradeId, triggerId: trigger.triggerId, reason: command.reason },
          });
        default:
          return assertNever(trigger.mode);
      }
    }
    case 'WatchDeadlines':
      return watch(command.moment, status, run);
    case 'CompleteRollback': {
      const refusal = inStatus('RollingBack');
      if (refusal) return refuse(refusal);
      const restored = run.plan.targets.map((t) => ({ assetId: t.assetId, version: t.fromVersion }));
      return accept({
        type: 'RollbackCompleted',
        payload: {
          upgradeId,
          restored,
          dataLossExposure: command.dataLossExposure,
          completedAt: command.now.toISOString(),
        },
      });
    }
    case 'DeclareForwardFix': {
      const refusal =
        inStatus('Running', 'Completed') ??
        (run.plan.rollback.reversibility !== 'forward-fix-only'
          ? invalid('plan', 'forward-fix-only', 'this plan can be rolled back; trigger the rollback instead')
          : null);
      if (refusal) return refuse(refusal);
      return accept({
        type: 'ForwardFixDeclared',
        payload: { upgradeId, plan: command.plan, declaredBy: command.declaredBy },
      });
    }
    case 'CompleteExecution': {
      const refusal =
        inStatus('Running') ??
        (run.acceptance !== 'passed'
          ? invalid('acceptance', 'passed-first', 'the upgrade is complete only when acceptance has passed')
          : null);
      if (refusal) return refuse(refusal);
      return accept({
        type: 'ExecutionCompleted',
        payload: { upgradeId, completedAt: command.now.toISOString(), afterNoticeDue: true },
      });
    }
    default:
      return assertNever(command);
  }
}

function start(
  command: Extract<ExecutionCommand, { type: 'StartExecution' }>,
  state: ExecutionState,
): Decision<ExecutionEvent> {
  if (state.status !== 'NotStarted') return refuse(illegalTransition(state.status, command.type));
  const ready = command.readiness;
  const now = command.moment.now.getTime();
  const refusals: GateResult[] = [];
  if (!ready || ready.cancelled) {
    refusals.push(
      gate(
        'ready-for-execution',
        'Only a plan whose every gate passed may be executed.',
        [`upgrade ${command.upgradeId} ready for execution`],
        'finish the plan: POST /upgrades/{id}/ready in planning',
      ),
    );
  } else {
    const { startsAt, endsAt } = ready.plan.window;
    if (now < Date.parse(startsAt) || now >= Date.parse(endsAt)) {
      refusals.push(
        gate(
          'maintenance-window',
          'The upgrade runs inside its maintenance window.',
          [`the window ${startsAt} – ${endsAt} (now ${command.moment.now.toISOString()})`],
          'start inside the window, or reschedule it in planning',
        ),
      );
    }
    for (const freeze of command.moment.activeFreezes) {
      refusals.push(
        gate(
          'change-freeze',
          'No change during a change freeze.',
          [`no active freeze: "${freeze.name}" (${freeze.freezeId})`],
          'wait for the freeze to end, or reschedule',
        ),
      );
    }
    const waived = (f: (typeof command.findings)[number]) =>
      ready.plan.compatibilityWaivers.some(
        (w) => w.ruleId === f.ruleId && w.assetId === f.assetId && w.otherAssetId === f.otherAssetId,
      );
    const blocking = command.findings.filter((f) => f.status === 'incompatible' && !waived(f));
    if (blocking.length) {
      refusals.push(
        gate(
          'compatibility',
          'Compatibility is checked again when execution starts.',
          blocking.map((f) => `${f.assetId} ${f.assetVersion} with ${f.otherAssetId} ${f.otherVersion}: ${f.rule}`),
          'resolve the incompatibility that appeared since the plan was ready',
        ),
      );
    }
  }
  if (refusals.length)
    return refuse(gateRefused(`execution cannot start: ${refusals.map((r) => r.missing[0]).join('; ')}`, refusals));
  return accept({
    type: 'ExecutionStarted',
    payload: {
      executionId: command.executionId,
      upgradeId: command.upgradeId,
      operator: command.operator,
      startedAt: command.moment.now.toISOString(),
      readyEventId: ready!.readyEventId,
      plan: ready!.plan,
    },
  });
}

function recordCheck(
  command: Extract<ExecutionCommand, { type: 'RecordAcceptanceCheck' }>,
  status: ExecutionStatus,
  run: Run,
): Decision<ExecutionEvent> {
  if (status !== 'Running' && status !== 'Completed') return refuse(illegalTransition(status, command.type));
  if (!run.applied)
    return refuse(
      invalid('criterionId', 'applied-first', 'acceptance checks are recorded after the upgrade is applied'),
    );
  const criteria = run.plan.acceptanceCriteria;
  const criterion = criteria.find((c) => c.criterionId === command.criterionId);
  if (!criterion) return refuse(notFound(`criterion ${command.criterionId} is not in the plan`));
  if (run.checks[criterion.criterionId])
    return refuse(invalid('criterionId', 'once', `criterion ${criterion.criterionId} is already recorded`));
  const openCore = criteria.filter((c) => c.core && !run.checks[c.criterionId]);
  if (!criterion.core && openCore.length) {
    return refuse(
      invalid(
        'criterionId',
        'core-first',
        `core checks are still open (${openCore.map((c) => c.criterionId).join(', ')}): test core functions first`,
      ),
    );
  }
  const upgradeId = run.upgradeId;
  const events: ExecutionEvent[] = [
    {
      type: 'AcceptanceCheckRecorded',
      payload: {
        upgradeId,
        criterionId: criterion.criterionId,
        outcome: command.outcome,
        evidence: command.evidence,
        checkedBy: command.checkedBy,
      },
    },
  ];
  const checks = { ...run.checks, [criterion.criterionId]: command.outcome };
  const core = criteria.filter((c) => c.core);
  if (run.acceptance === 'open' && core.every((c) => checks[c.criterionId])) {
    const failed = core.filter((c) => checks[c.criterionId] === 'failed').map((c) => c.criterionId);
    if (failed.length === 0) {
      events.push({
        type: 'AcceptancePassed',
        payload: {
          upgradeId,
          passedCriteria: core.map((c) => c.criterionId),
          monitoringMinutes: run.plan.monitoringMinutes,
        },
      });
    } else {
      events.push({ type: 'AcceptanceFailed', payload: { upgradeId, failedCriteria: failed } });
      if (run.plan.rollback.rollbackOnAcceptanceFailure && !rollbackProblem(run)) {
        events.push(
          rollback(
            run,
            command.moment,
            'acceptance-failure',
            null,
            `core acceptance checks failed: ${failed.join(', ')}`,
            SYSTEM,
            null,
          ),
        );
      }
    }
  }
  return accept(...events);
}

function watch(moment: Moment, status: ExecutionStatus, run: Run): Decision<ExecutionEvent> {
  if ((status !== 'Running' && status !== 'Completed') || run.rollback) return accept();
  const now = moment.now.getTime();
  const pending = run.pendingDecision;
  if (pending && now >= Date.parse(pending.decideBy)) {
    const reason = `no decision by ${pending.decideBy}; the plan's default is to ${pending.defaultDecision === 'rollback' ? 'roll back' : 'continue'}`;
    if (pending.defaultDecision === 'continue' || rollbackProblem(run)) {
      return accept({
        type: 'RollbackDeclined',
        payload: { upgradeId: run.upgradeId, triggerId: pending.triggerId, decidedBy: SYSTEM, reason },
      });
    }
    return accept(rollback(run, moment, 'decision-timeout', pending.triggerId, reason, SYSTEM, null));
  }
  const deadline = run.plan.window.rollbackDecisionDeadline;
  if (run.acceptance !== 'passed' && now >= Date.parse(deadline) && !rollbackProblem(run)) {
    return accept(
      rollback(
        run,
        moment,
        'decision-deadline',
        null,
        `the rollback-decision deadline ${deadline} passed without AcceptancePassed`,
        SYSTEM,
        null,
      ),
    );
  }
  return accept();
}

function rollbackProblem(run: Run) {
  if (run.rollback) return invalid('rollback', 'once', 'a rollback is already under way');
  if (run.plan.rollback.reversibility === 'forward-fix-only')
    return invalid('rollback', 'reversible', 'this plan is forward-fix only: declare a forward fix instead');
  return null;
}

/** Going back to safety is never blocked; outside the window or inside a freeze it is break-glass, with who and why. */
function rollback(
  run: Run,
  moment: Moment,
  trigger: 'manual' | 'acceptance-failure' | 'decision-deadline' | 'regression' | 'decision-timeout',
  triggerId: string | null,
  reason: string,
  decidedBy: string,
  why: string | null,
): ExecutionEvent {
  const now = moment.now.getTime();
  const outside = now < Date.parse(run.plan.window.startsAt) || now >= Date.parse(run.plan.window.endsAt);
  const circumstances = [
    ...(outside ? ['outside the maintenance window'] : []),
    ...moment.activeFreezes.map((f) => `inside change freeze "${f.name}"`),
  ];
  const breakGlass = circumstances.length ? { why: `${why ?? reason} (${circumstances.join(', ')})` } : null;
  return {
    type: 'RollbackTriggered',
    payload: { upgradeId: run.upgradeId, trigger, triggerId, reason, decidedBy, breakGlass },
  };
}

function stepProblem(run: Run, stepId: string) {
  if (!run.plan.steps.some((s) => s.stepId === stepId)) return notFound(`step ${stepId} is not in the runbook`);
  if (run.steps[stepId] === 'completed') return invalid('stepId', 'once', `step ${stepId} is already completed`);
  return null;
}

function evolve(state: ExecutionState, event: ExecutionEvent): ExecutionState {
  if (event.type === 'ExecutionStarted') {
    const { plan, upgradeId } = event.payload;
    const backups = Object.fromEntries(
      plan.backups.map((b) => [b.backupId, { taken: null, verified: false, failed: null }]),
    );
    return {
      status: 'Running',
      run: {
        upgradeId,
        plan,
        backups,
        steps: {},
        applied: false,
        checks: {},
        acceptance: 'open',
        pendingDecision: null,
        rollback: null,
      },
    };
  }
  if (state.status === 'NotStarted') return state;
  const { run } = state;
  const next = (changes: Partial<Run>, status: ExecutionStatus = state.status): ExecutionState => ({
    status,
    run: { ...run, ...changes },
  });
  const backup = (id: string, changes: Partial<Run['backups'][string]>) => ({
    ...run.backups,
    [id]: { ...run.backups[id]!, ...changes },
  });
  switch (event.type) {
    case 'BackupTaken':
      return next({ backups: backup(event.payload.backupId, { taken: event.payload, verified: false, failed: null }) });
    case 'BackupVerified':
      return next({ backups: backup(event.payload.backupId, { verified: true, failed: null }) });
    case 'BackupVerificationFailed':
      return next({ backups: backup(event.payload.backupId, { verified: false, failed: event.payload.reason }) });
    case 'StepStarted':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'started' } });
    case 'StepCompleted':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'completed' } });
    case 'StepFailed':
      return next({ steps: { ...run.steps, [event.payload.stepId]: 'failed' } });
    case 'UpgradeApplied':
      return next({ applied: true });
    case 'AcceptanceCheckRecorded':
      return next({ checks: { ...run.checks, [event.payload.criterionId]: event.payload.outcome } });
    case 'LogReviewRecorded':
    case 'RollbackDryRunRecorded':
      return state;
    case 'AcceptancePassed':
      return next({ acceptance: 'passed' });
    case 'AcceptanceFailed':
      return next({ acceptance: 'failed' });
    case 'RollbackDecisionRequested':
      return next({ pendingDecision: event.payload });
    case 'RollbackDeclined':
      return next({ pendingDecision: null });
    case 'RollbackTriggered':
      return next({ rollback: event.payload, pendingDecision: null }, 'RollingBack');
    case 'RollbackCompleted':
      return next({}, 'RolledBack');
    case 'ForwardFixDeclared':
      return next({}, 'ForwardFixing');
    case 'ExecutionCompleted':
      return next({}, 'Completed');
    default:
      return assertNever(event);
  }
}

export const executionDecider: Decider<ExecutionCommand, ExecutionEvent, ExecutionState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'NotStarted' }),
};

export const executionStreamId = (upgradeId: string) => `execution-${upgradeId}`;
