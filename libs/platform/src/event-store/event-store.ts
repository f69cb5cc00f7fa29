import { upcast, type Actor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';
import { DecidedStreams } from './decided-streams.js';
import type { StateBefore, StateProjection } from './state-projection.js';
import type { StatementProjection } from './statement-projection.js';

/** Who and why: what every appended event records besides its payload. */
export interface AppendContext {
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  now: Date;
  traceparent?: string | null;
}

export interface NewEvent {
  type: string;
  payload: unknown;
}

/** The head of a stream as the caller read it: appending after it needs no second read. */
export interface StreamHead {
  version: number;
  hash: string;
}

/**
 * 'no-stream' for a new stream, a number for optimistic concurrency, the head the caller read
 * (same check, one round trip fewer), 'any' to skip the check.
 */
export type ExpectedVersion = number | StreamHead | 'no-stream' | 'any';

export interface AppendResult {
  streamVersion: number;
  events: EventEnvelope[];
}

/** A read model kept in step with the store: runs in the append's transaction. */
export type InlineProjection = (events: EventEnvelope[], tx: Transaction) => Promise<void>;

/**
 * The event store as the rest of the platform sees it (a port, and the injection token): streams
 * of sealed, hash-chained events, appended with optimistic concurrency. PostgresEventStore is the
 * service's; InMemoryEventStore (platform/testing) runs the same deciders without a database.
 */
export abstract class EventStore {
  /** The states handleCommand last decided on, so hot streams are not read before every command. */
  readonly decided = new DecidedStreams();

  constructor(readonly producer: ServiceName) {}

  /**
   * Appends after `expectedVersion`, in the caller's transaction when one is given; a stale
   * expectation is a ConcurrencyError and nothing is written. `before` is the state the events
   * were decided on, which state projections evolve instead of reading the stream (ADR 36).
   */
  abstract append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    tx?: Transaction,
    before?: StateBefore,
  ): Promise<AppendResult>;

  /** The stream as stored, for verification and export. */
  abstract readStreamRaw(streamId: string, tx?: Transaction): Promise<EventEnvelope[]>;

  /** Every event of one upgrade (correlation id) in global order. */
  abstract readCorrelated(correlationId: string): Promise<EventEnvelope[]>;

  /** Pages through the whole log in global position order (projection rebuilds, verification). */
  abstract readAll(batchSize?: number): AsyncGenerator<EventEnvelope[]>;

  /** Projections updated atomically with every append (and so never behind a command's reply). */
  abstract addInlineProjection(projection: InlineProjection): void;

  /** Like an inline projection, but as statements the append can write in its own INSERT (ADR 9). */
  abstract addStatementProjection(projection: StatementProjection): void;

  /** A read model of a decider's whole state, kept from the state in hand, never a re-read (ADR 36). */
  abstract addStateProjection(projection: StateProjection): void;

  /** The stream upcast to current schema versions, for deciders and projections. */
  async readStream(streamId: string, tx?: Transaction): Promise<EventEnvelope[]> {
    return (await this.readStreamRaw(streamId, tx)).map((e) => upcast(e));
  }
}
