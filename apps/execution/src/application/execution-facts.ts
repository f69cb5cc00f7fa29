import type { Transaction } from '@upgrade-control/platform';
import type { ExecutionCommand, ImpactedFreeze, Moment, StartEvidence } from '../domain/execution.commands.js';
import type { ExecutionState, ReadyPlan } from '../domain/execution.state.js';

type StartExecution = Extract<ExecutionCommand, { type: 'StartExecution' }>;
/** The plan planning last made ready for execution, and whether it was cancelled since. */
export type Readiness = NonNullable<StartExecution['readiness']>;
export type CompatibilityFinding = StartExecution['findings'][number];
export type ActiveFreeze = Moment['activeFreezes'][number];

/**
 * Port: what execution's decisions need from outside the command (its stream, the ready plan,
 * the calendar, the inventory). Reactions pass their transaction.
 */
export abstract class ExecutionFacts {
  /** The state with the stream's version (the execution's ETag). */
  abstract versionedState(upgradeId: string): Promise<{ state: ExecutionState; streamVersion: number }>;

  /** The ready plan as planning last published it, or null when none was heard. */
  abstract readiness(upgradeId: string, tx?: Transaction): Promise<Readiness | null>;

  /** The plan's target versions checked against the inventory as it is now. */
  abstract findings(plan: ReadyPlan): Promise<CompatibilityFinding[]>;

  /** The freezes in force at `at` over the assets that depend on the plan's targets (by asset or by site), per asset. */
  abstract impactedFreezes(plan: ReadyPlan, at: Date): Promise<ImpactedFreeze[]>;
  /** The window's estimates as planning scheduled them, and monitoring's latest baselines, for the start. */
  abstract startEvidence(upgradeId: string): Promise<StartEvidence>;

  /** The freezes in force at `at` over the plan's targets (by asset or by site). */
  abstract activeFreezes(plan: ReadyPlan, at: Date, tx?: Transaction): Promise<ActiveFreeze[]>;
}
