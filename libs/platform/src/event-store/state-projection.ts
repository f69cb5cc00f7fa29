import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Decider } from '../domain/decider.js';
import type { ProjectionStatement } from './statement-projection.js';
import { asStored } from './stored-order.js';

/** A stream after an append: the events just appended and the state they leave behind. */
export interface StreamChange<S> {
  streamId: string;
  /** The stream's version after the events. */
  version: number;
  /** The appended events, upcast to current schemas (never empty). */
  events: EventEnvelope[];
  /** The decider's state after the events. */
  state: S;
}

/**
 * A read model of a stream's whole state, given as statements like a StatementProjection (ADR 9)
 * but from the state the command was decided on, evolved by the appended events: the store never
 * reads the stream to keep it (ADR 36). Pure, no I/O; the statements must touch rows no statement
 * projection of the same event touches.
 */
export interface StateProjection<S = unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the commands and events do not matter here
  decider: Decider<any, any, S>;
  /** The streams this decider owns, for a rebuild, which sees events, not commands. */
  owns(streamId: string): boolean;
  project(change: StreamChange<S>): ProjectionStatement[];
}

/** The state a stream had before an append, and the decider that made it (handleCommand knows both). */
export interface StateBefore {
  decider: object;
  state: unknown;
}

/**
 * The statements of the state projections of this append's decider. The state is evolved with
 * the stored events (as a fold of the stream would), not the decided ones, so the row equals the
 * decider's fold of the stream.
 */
export function stateStatements(
  projections: readonly StateProjection[],
  before: StateBefore | undefined,
  events: EventEnvelope[],
  version: number,
): ProjectionStatement[] {
  const streamId = events[0]!.streamId;
  const mine = projections.filter((p) => p.owns(streamId));
  if (mine.length === 0) return [];
  if (before === undefined || mine.some((p) => p.decider !== before.decider))
    throw new Error(`an append to ${streamId} needs the state its decider had before it (handleCommand passes it)`);
  return mine.flatMap((p) => {
    const state = events.reduce((s, e) => evolveWith(p, s, e), before.state);
    return p.project({ streamId, version, events, state });
  });
}

/** Evolves a state by one event as stored, as a fold of the stream read back would. */
export const evolveWith = (projection: StateProjection, state: unknown, event: EventEnvelope): unknown =>
  projection.decider.evolve(state, asStored(event));
