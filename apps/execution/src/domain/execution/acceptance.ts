import { accept, invalid, notFound, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { Moment } from '../execution.commands.js';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { rollback, rollbackProblem, SYSTEM, unlessIn, type Command, type Started } from './shared.js';

/** Checks come after the upgrade is applied, each once, core functions first. */
export function recordAcceptanceCheck(
  command: Command<'RecordAcceptanceCheck'>,
  state: Started,
): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running', 'Completed');
  if (refusal) return refuse(refusal);
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
  const recorded: ExecutionEvent = {
    type: 'AcceptanceCheckRecorded',
    payload: {
      upgradeId: run.upgradeId,
      criterionId: criterion.criterionId,
      outcome: command.outcome,
      evidence: command.evidence,
      checkedBy: command.checkedBy,
    },
  };
  const checks = { ...run.checks, [criterion.criterionId]: command.outcome };
  return accept(recorded, ...verdict(run, checks, command.moment));
}

/**
 * Once every core check is in, acceptance passes or fails; a failure rolls back by itself when
 * the plan says so and a rollback is possible.
 */
function verdict(run: Run, checks: Run['checks'], moment: Moment): ExecutionEvent[] {
  const upgradeId = run.upgradeId;
  const core = run.plan.acceptanceCriteria.filter((c) => c.core);
  if (run.acceptance !== 'open' || !core.every((c) => checks[c.criterionId])) return [];
  const failed = core.filter((c) => checks[c.criterionId] === 'failed').map((c) => c.criterionId);
  if (failed.length === 0) {
    return [
      {
        type: 'AcceptancePassed',
        payload: {
          upgradeId,
          passedCriteria: core.map((c) => c.criterionId),
          monitoringMinutes: run.plan.monitoringMinutes,
        },
      },
    ];
  }
  const events: ExecutionEvent[] = [{ type: 'AcceptanceFailed', payload: { upgradeId, failedCriteria: failed } }];
  if (run.plan.rollback.rollbackOnAcceptanceFailure && !rollbackProblem(run)) {
    const reason = `core acceptance checks failed: ${failed.join(', ')}`;
    events.push(rollback(run, moment, 'acceptance-failure', null, reason, SYSTEM, null));
  }
  return events;
}

export function recordLogReview(command: Command<'RecordLogReview'>, state: Started): Decision<ExecutionEvent> {
  const refusal = unlessIn(state, command.type, 'Running', 'Completed');
  if (refusal) return refuse(refusal);
  return accept({ type: 'LogReviewRecorded', payload: { upgradeId: state.run.upgradeId, findings: command.findings } });
}
