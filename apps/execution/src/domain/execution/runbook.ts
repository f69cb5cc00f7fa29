import { accept, invalid, notFound, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { reactByTrigger } from './rollback-and-deadlines.js';
import { unlessIn, type Command, type Started } from './shared.js';

export function startStep(command: Command<'StartStep'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running') ?? stepProblem(run, command.stepId);
  if (refusal) return refuse(refusal);
  return accept({
    type: 'StepStarted',
    payload: {
      upgradeId: run.upgradeId,
      stepId: command.stepId,
      operator: command.operator,
      startedAt: command.now.toISOString(),
    },
  });
}

export function completeStep(command: Command<'CompleteStep'>, state: Started): Decision<ExecutionEvent> {
  const refusal = stepNotRunning(command, state);
  if (refusal) return refuse(refusal);
  const { type: _, ...completed } = command;
  return accept({ type: 'StepCompleted', payload: { upgradeId: state.run.upgradeId, ...completed } });
}

/**
 * A failed step is a failure of the change itself, like a failed acceptance check: it acts by the
 * mode of the plan's acceptance-failure trigger (roll back, ask the decision owner, or only record).
 * The plan's trigger vocabulary has no step kind; without such a trigger the failure is only recorded.
 */
export function failStep(command: Command<'FailStep'>, state: Started): Decision<ExecutionEvent> {
  const refusal = stepNotRunning(command, state);
  if (refusal) return refuse(refusal);
  const { run } = state;
  const { type: _, moment, ...failed } = command;
  const trigger = run.plan.rollback.triggers.find((t) => t.kind === 'acceptance-failure');
  const reason = `runbook step ${command.stepId} failed: ${command.error}`;
  return accept(
    { type: 'StepFailed', payload: { upgradeId: run.upgradeId, ...failed } },
    ...(trigger ? reactByTrigger(run, trigger, 'acceptance-failure', reason, moment) : []),
  );
}

/** Only an approver skips a step, with a reason; a running or finished step is not skipped. */
export function skipStep(command: Command<'SkipStep'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running') ?? stepProblem(run, command.stepId);
  if (refusal) return refuse(refusal);
  if (command.skippedBy.role !== 'approver')
    return refuse({ kind: 'forbidden', message: 'a runbook step is skipped only by an approver, with a reason' });
  if (run.steps[command.stepId] === 'started')
    return refuse(
      invalid('stepId', 'not-running', `step ${command.stepId} is running: complete it or record its failure first`),
    );
  return accept({
    type: 'StepSkipped',
    payload: {
      upgradeId: run.upgradeId,
      stepId: command.stepId,
      skippedBy: command.skippedBy.id,
      reason: command.reason,
    },
  });
}

function stepProblem(run: Run, stepId: string) {
  if (!run.plan.steps.some((s) => s.stepId === stepId)) return notFound(`step ${stepId} is not in the runbook`);
  if (run.steps[stepId] === 'completed') return invalid('stepId', 'once', `step ${stepId} is already completed`);
  if (run.steps[stepId] === 'skipped') return invalid('stepId', 'once', `step ${stepId} was skipped`);
  return null;
}

/** A step completes or fails only while it runs. */
function stepNotRunning(command: Command<'CompleteStep' | 'FailStep'>, state: Started) {
  return (
    unlessIn(state, command.type, 'Running') ??
    (state.run.steps[command.stepId] === 'started'
      ? null
      : invalid('stepId', 'started-first', `step ${command.stepId} is not running`))
  );
}
