import { illegalTransition, invalid, type DomainError, type GateResult } from '@upgrade-control/platform/domain';
import type { ExecutionCommand, Moment } from '../execution.commands.js';
import type { ExecutionEvent, ExecutionState, ExecutionStatus, Run } from '../execution.state.js';
import { regressedWave, wavesOnRollback, windowInForce } from './rollout.js';

/** Who decides when no person does: the service, on the plan's behalf. */
export const SYSTEM = 'execution-service';

export type Command<T extends ExecutionCommand['type']> = Extract<ExecutionCommand, { type: T }>;
/** Every command but StartExecution acts on an execution that has started. */
export type Started = Exclude<ExecutionState, { status: 'NotStarted' }>;

/** Null when the command may run in the execution's status, else the illegal transition. */
export const unlessIn = (
  { status }: Started,
  command: ExecutionCommand['type'],
  ...allowed: ExecutionStatus[]
): DomainError | null => (allowed.includes(status) ? null : illegalTransition(status, command));

export const gate = (name: string, rule: string, missing: string[], fix: string): GateResult => ({
  gate: name,
  rule,
  status: 'failed',
  missing,
  fix,
});

export function rollbackProblem(run: Run) {
  if (run.rollback) return invalid('rollback', 'once', 'a rollback is already under way');
  if (run.plan.rollback.reversibility === 'forward-fix-only')
    return invalid('rollback', 'reversible', 'this plan is forward-fix only: declare a forward fix instead');
  return null;
}

/**
 * Going back to safety is never blocked; outside the window or inside a freeze it is break-glass,
 * with who and why. In a rollout the plan's policy says what happens to each wave (ADR 37); the
 * wave that failed is the asset's wave, or the running wave for a rollback not tied to an asset.
 */
export function rollback(
  run: Run,
  moment: Moment,
  trigger: 'manual' | 'acceptance-failure' | 'decision-deadline' | 'regression' | 'decision-timeout',
  triggerId: string | null,
  reason: string,
  decidedBy: string,
  why: string | null,
  assetId: string | null = null,
): ExecutionEvent[] {
  const now = moment.now.getTime();
  const window = windowInForce(run);
  const outside = now < Date.parse(window.startsAt) || now >= Date.parse(window.endsAt);
  const circumstances = [
    ...(outside ? ['outside the maintenance window'] : []),
    ...moment.activeFreezes.map((f) => `inside change freeze "${f.name}"`),
  ];
  const breakGlass = circumstances.length ? { why: `${why ?? reason} (${circumstances.join(', ')})` } : null;
  const failed = run.rollout ? (regressedWave(run, assetId) ?? run.rollout.current) : null;
  return [
    {
      type: 'RollbackTriggered',
      payload: { upgradeId: run.upgradeId, trigger, triggerId, reason, decidedBy, breakGlass },
    },
    ...(failed === null ? [] : wavesOnRollback(run, failed, reason)),
  ];
}
