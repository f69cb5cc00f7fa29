import { systemActor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { ConcurrencyError } from '../event-store/concurrency-error.js';
import {
  EventStore,
  type AppendContext,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
} from '../event-store/event-store.js';
import { DEFAULT_EVENT_MAX_BYTES } from '../event-store/event-too-large.js';
import { sealEvents, type Head } from '../event-store/sealing.js';

/**
 * The event store in memory, for tests that run deciders, handleCommand, reactions and HTTP
 * slices without PostgreSQL. Appends are sealed, hash-chained and checked against the contracts
 * exactly as the PostgreSQL store does, with the same optimistic concurrency. Transactions are
 * ignored (everything is applied at once), and so are read-model projections: those are SQL.
 */
export class InMemoryEventStore extends EventStore {
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly log: EventEnvelope[] = [];

  constructor(
    producer: ServiceName,
    private readonly maxEventBytes = DEFAULT_EVENT_MAX_BYTES,
  ) {
    super(producer);
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const head = this.expectedHead(streamId, stream, expectedVersion);
    const sealed = sealEvents(this.producer, streamId, head, events, context, this.maxEventBytes);
    this.streams.set(streamId, [...stream, ...sealed]);
    this.log.push(...sealed);
    return { streamVersion: head.version + sealed.length, events: sealed };
  }

  async readStreamRaw(streamId: string): Promise<EventEnvelope[]> {
    return this.stream(streamId);
  }

  async readCorrelated(correlationId: string): Promise<EventEnvelope[]> {
    return this.log.filter((e) => e.correlationId === correlationId);
  }

  async *readAll(batchSize = 5000): AsyncGenerator<EventEnvelope[]> {
    for (let from = 0; from < this.log.length; from += batchSize) yield this.log.slice(from, from + batchSize);
  }

  /** Read models are SQL tables, which this store has none of: their projections never run. */
  addInlineProjection(): void {}

  addStatementProjection(): void {}

  addStateProjection(): void {}

  /** Appends history for a test's "given", as the service's system actor unless told otherwise. */
  async given(streamId: string, events: NewEvent[], context: Partial<AppendContext> = {}): Promise<EventEnvelope[]> {
    const { events: sealed } = await this.append(streamId, 'any', events, {
      correlationId: streamId,
      causationId: null,
      actor: systemActor(this.producer),
      now: new Date(),
      ...context,
    });
    return sealed;
  }

  /** Every event of one stream as stored, synchronously. */
  stream(streamId: string): EventEnvelope[] {
    return [...(this.streams.get(streamId) ?? [])];
  }

  /** Every event in append order; its length marks "now" for appendedSince. */
  all(): EventEnvelope[] {
    return [...this.log];
  }

  /** The events appended after the first `count` (e.g. by the request under test). */
  appendedSince(count: number): EventEnvelope[] {
    return this.log.slice(count);
  }

  /** As the PostgreSQL store: a stale version, or a head that is no longer the last, is a conflict. */
  private expectedHead(streamId: string, stream: EventEnvelope[], expected: ExpectedVersion): Head {
    const actual: Head = { version: stream.length, hash: stream.at(-1)?.hash ?? null };
    if (expected === 'any') return actual;
    const version = expected === 'no-stream' ? 0 : typeof expected === 'number' ? expected : expected.version;
    const sameHead = typeof expected !== 'object' || expected.hash === actual.hash;
    if (version !== actual.version || !sameHead) throw new ConcurrencyError(streamId, version, actual.version);
    return actual;
  }
}
