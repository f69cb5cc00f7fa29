import { accept, invalid, notFound, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { Moment } from '../execution.commands.js';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { atLastWave, currentWave } from './rollout.js';
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
  const criterion = run.plan.acceptanceCriteria.find((c) => c.criterionId === command.criterionId);
  if (!criterion) return refuse(notFound(`criterion ${command.criterionId} is not in the plan`));
  const wave = currentWave(run);
  const criteria = waveCriteria(run);
  if (wave && !criteria.includes(criterion))
    return refuse(
      invalid(
        'criterionId',
        'wave-criterion',
        `criterion ${criterion.criterionId} is not checked in wave ${wave.name} (it checks ${criteria.map((c) => c.criterionId).join(', ')})`,
      ),
    );
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

/** The criteria the running step is judged by: the wave's own checks when it names some, else the plan's. */
function waveCriteria(run: Run): Run['plan']['acceptanceCriteria'] {
  const named = currentWave(run)?.acceptance ?? [];
  const all = run.plan.acceptanceCriteria;
  return named.length ? all.filter((c) => named.includes(c.criterionId)) : all;
}

/**
 * Once every core check is in (in a rollout: every check the wave names, or the core checks),
 * acceptance passes or fails; a failure rolls back by itself when the plan says so and a rollback
 * is possible. A wave that passes bakes; the last wave's pass is the upgrade's.
 */
function verdict(run: Run, checks: Run['checks'], moment: Moment): ExecutionEvent[] {
  const upgradeId = run.upgradeId;
  const wave = currentWave(run);
  const core = wave?.acceptance.length ? waveCriteria(run) : run.plan.acceptanceCriteria.filter((c) => c.core);
  if (run.acceptance !== 'open' || !core.every((c) => checks[c.criterionId])) return [];
  const failed = core.filter((c) => checks[c.criterionId] === 'failed').map((c) => c.criterionId);
  if (failed.length === 0) {
    const now = moment.now;
    const waveAccepted: ExecutionEvent[] = wave
      ? [
          {
            type: 'WaveAccepted',
            payload: {
              upgradeId,
              wave: wave.name,
              passedCriteria: core.map((c) => c.criterionId),
              acceptedAt: now.toISOString(),
              bakeUntil: new Date(now.getTime() + wave.bakeMinutes * 60_000).toISOString(),
              promotion: wave.promotion,
            },
          },
        ]
      : [];
    if (!atLastWave(run)) return waveAccepted;
    return [
      ...waveAccepted,
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
    events.push(...rollback(run, moment, 'acceptance-failure', null, reason, SYSTEM, null));
  }
  return events;
}

export function recordLogReview(command: Command<'RecordLogReview'>, state: Started): Decision<ExecutionEvent> {
  const refusal = unlessIn(state, command.type, 'Running', 'Completed');
  if (refusal) return refuse(refusal);
  return accept({ type: 'LogReviewRecorded', payload: { upgradeId: state.run.upgradeId, findings: command.findings } });
}
