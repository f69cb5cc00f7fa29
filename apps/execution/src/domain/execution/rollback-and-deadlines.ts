import { accept, assertNever, invalid, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { Moment } from '../execution.commands.js';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { targetsWithoutSnapshot } from './configuration-snapshots.js';
import { runbookUnfinished } from './runbook-finished.js';
import { automaticPromotion } from './promote.js';
import { atLastWave, currentWave, judgesWave, regressedWave, restoredTargets, windowInForce } from './rollout.js';
import { rollback, rollbackProblem, SYSTEM, unlessIn, type Command, type Started } from './shared.js';

/** Regressions and deadlines matter only while the upgrade runs or is watched, and no rollback is under way. */
const beyondReactions = ({ status, run }: Started) =>
  (status !== 'Running' && status !== 'Completed') || run.rollback !== null;

export function triggerRollback(command: Command<'TriggerRollback'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running', 'Completed') ?? rollbackProblem(run);
  if (refusal) return refuse(refusal);
  const { decisionOwner } = run.plan.rollback;
  if (command.decidedBy.id !== decisionOwner && command.decidedBy.role !== 'approver') {
    return refuse({
      kind: 'forbidden',
      message: `only the decision owner (${decisionOwner}) or an approver may trigger the rollback`,
    });
  }
  return accept(
    ...rollback(run, command.moment, 'manual', null, command.reason, command.decidedBy.id, command.breakGlassWhy),
  );
}

export function decideRollback(command: Command<'DecideRollback'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const pending = run.pendingDecision;
  const refusal =
    unlessIn(state, command.type, 'Running', 'Completed') ??
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
        upgradeId: run.upgradeId,
        triggerId: pending!.triggerId,
        decidedBy: command.decidedBy.id,
        reason: command.reason,
      },
    });
  }
  // The decision answers the trigger that asked: a metric regression, or a failure of the change itself.
  const asked = run.plan.rollback.triggers.find((t) => t.triggerId === pending!.triggerId);
  const label = asked?.kind === 'acceptance-failure' ? 'acceptance-failure' : 'regression';
  return accept(
    ...rollback(run, command.moment, label, pending!.triggerId, command.reason, command.decidedBy.id, null),
  );
}

/**
 * A regression acts by its trigger's mode: roll back, ask the decision owner, or only record it. A
 * concluded analysis names its mode itself (the metric's mode, or its inconclusive policy).
 */
export function reactToRegression(command: Command<'ReactToRegression'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  if (beyondReactions(state)) return accept();
  // In a rollout a target whose wave is not applied yet still runs the old version: not ours; an
  // applied wave is judged by the analysis the plan gave it.
  if (run.rollout) {
    const failed = regressedWave(run, command.assetId);
    if (failed === null || !judgesWave(run.rollout.waves[failed]!, command)) return accept();
  }
  if (command.mode && command.triggerId)
    return accept(
      ...reactByTrigger(
        run,
        { triggerId: command.triggerId, mode: command.mode },
        'regression',
        command.reason,
        command.moment,
        command.assetId,
      ),
    );
  const trigger = run.plan.rollback.triggers.find((t) =>
    command.triggerId
      ? t.triggerId === command.triggerId
      : t.kind === 'metric-threshold' &&
        t.metric === command.metric &&
        (t.assetId === null || t.assetId === command.assetId),
  );
  if (!trigger) return accept();
  return accept(...reactByTrigger(run, trigger, 'regression', command.reason, command.moment, command.assetId));
}

type Trigger = Pick<Run['plan']['rollback']['triggers'][number], 'triggerId' | 'mode'>;

/**
 * What a fired trigger does, by its mode: roll back, ask the decision owner (once per trigger while
 * asked), or only record it. Shared by regressions and failed runbook steps.
 */
export function reactByTrigger(
  run: Run,
  trigger: Trigger,
  label: 'regression' | 'acceptance-failure',
  reason: string,
  moment: Moment,
  assetId: string | null = null,
): ExecutionEvent[] {
  switch (trigger.mode) {
    case 'automatic':
      return rollbackProblem(run) ? [] : rollback(run, moment, label, trigger.triggerId, reason, SYSTEM, null, assetId);
    case 'confirm': {
      if (run.pendingDecision?.triggerId === trigger.triggerId) return [];
      const decideBy = new Date(moment.now.getTime() + run.plan.rollback.confirmTimeoutMinutes * 60_000).toISOString();
      const { decisionOwner, defaultDecision } = run.plan.rollback;
      return [
        {
          type: 'RollbackDecisionRequested',
          payload: {
            upgradeId: run.upgradeId,
            triggerId: trigger.triggerId,
            decisionOwner,
            reason,
            decideBy,
            defaultDecision,
          },
        },
      ];
    }
    case 'dry-run':
      return [
        { type: 'RollbackDryRunRecorded', payload: { upgradeId: run.upgradeId, triggerId: trigger.triggerId, reason } },
      ];
    default:
      return assertNever(trigger.mode);
  }
}

/**
 * An unanswered decision takes the plan's default when its time is up; without AcceptancePassed by
 * the rollback-decision deadline, the upgrade rolls back.
 */
export function watchDeadlines({ moment }: Command<'WatchDeadlines'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  if (beyondReactions(state)) return accept();
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
    return accept(...rollback(run, moment, 'decision-timeout', pending.triggerId, reason, SYSTEM, null));
  }
  const deadline = windowInForce(run).rollbackDecisionDeadline;
  if (run.acceptance !== 'passed' && now >= Date.parse(deadline) && !rollbackProblem(run)) {
    const reason = `the rollback-decision deadline ${deadline} passed without AcceptancePassed`;
    return accept(...rollback(run, moment, 'decision-deadline', null, reason, SYSTEM, null));
  }
  return accept(...automaticPromotion(run, moment));
}

export function completeRollback(command: Command<'CompleteRollback'>, state: Started): Decision<ExecutionEvent> {
  const refusal = unlessIn(state, command.type, 'RollingBack');
  if (refusal) return refuse(refusal);
  const { run } = state;
  const back = new Set(restoredTargets(run));
  const restored = run.plan.targets
    .filter((t) => back.has(t.assetId))
    .map((t) => ({ assetId: t.assetId, version: t.fromVersion }));
  return accept({
    type: 'RollbackCompleted',
    payload: {
      upgradeId: run.upgradeId,
      restored,
      dataLossExposure: command.dataLossExposure,
      completedAt: command.now.toISOString(),
    },
  });
}

export function declareForwardFix(command: Command<'DeclareForwardFix'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal =
    unlessIn(state, command.type, 'Running', 'Completed') ??
    (run.plan.rollback.reversibility !== 'forward-fix-only'
      ? invalid('plan', 'forward-fix-only', 'this plan can be rolled back; trigger the rollback instead')
      : null);
  if (refusal) return refuse(refusal);
  return accept({
    type: 'ForwardFixDeclared',
    payload: { upgradeId: run.upgradeId, plan: command.plan, declaredBy: command.declaredBy },
  });
}

export function completeExecution(command: Command<'CompleteExecution'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (run.acceptance !== 'passed'
      ? invalid('acceptance', 'passed-first', 'the upgrade is complete only when acceptance has passed')
      : null) ??
    (!atLastWave(run)
      ? invalid(
          'wave',
          'every-wave',
          `the upgrade is complete only after its last wave: wave ${currentWave(run)!.name} runs now`,
        )
      : null) ??
    runbookUnfinished(run, 'the upgrade cannot be completed') ??
    targetsWithoutSnapshot(run, 'after-apply', 'the upgrade cannot be completed');
  if (refusal) return refuse(refusal);
  return accept({
    type: 'ExecutionCompleted',
    payload: { upgradeId: run.upgradeId, completedAt: command.now.toISOString(), afterNoticeDue: true },
  });
}
