import { v7 as uuidv7 } from 'uuid';
import type { DataSource, EntityManager } from 'typeorm';
import { sealEnvelope, upcast, type Actor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { checkPayload, currentDefinition } from '@upgrade-control/contracts';
import { ConcurrencyError } from './concurrency-error.js';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from './event-row.js';

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

/** 'no-stream' for a new stream, a number for optimistic concurrency, 'any' to skip the check. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  streamVersion: number;
  events: EventEnvelope[];
}

export const EVENTS_NOTIFY_CHANNEL = 'upgrade_control_events';

/** A read model kept in step with the store: runs in the append's transaction. */
export type InlineProjection = (events: EventEnvelope[], tx: EntityManager) => Promise<void>;

/**
 * Append-only PostgreSQL event store with a per-stream SHA-256 hash chain. The events table is
 * also the outbox: the relay publishes from it, so an accepted event cannot be lost between the
 * database and Kafka.
 */
export class EventStore {
  private readonly projections: InlineProjection[] = [];

  constructor(
    private readonly dataSource: DataSource,
    readonly producer: ServiceName,
  ) {}

  /** Projections updated atomically with every append (and so never behind a command's reply). */
  addInlineProjection(projection: InlineProjection): void {
    this.projections.push(projection);
  }

  /**
   * Appends in the caller's transaction when one is given (so a projection or inbox row commits
   * with the events), else in its own. The INSERT must be the transaction's first write: the
   * relay orders by transaction id, which PostgreSQL assigns at the first write.
   */
  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    manager?: EntityManager,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (!manager)
      return this.dataSource.transaction((tx) => this.append(streamId, expectedVersion, events, context, tx));

    const [head] = (await manager.query(
      'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      [streamId],
    )) as { stream_version: number; hash: string }[];
    const actual = head?.stream_version ?? 0;
    const expected = expectedVersion === 'no-stream' ? 0 : expectedVersion;
    if (expected !== 'any' && expected !== actual) throw new ConcurrencyError(streamId, expected, actual);

    let prevHash = head?.hash ?? null;
    const sealed = events.map((event, i) => {
      const schemaVersion = currentDefinition(event.type)?.schemaVersion ?? 0;
      // Nothing leaves the service that breaks its own published contract.
      const check = checkPayload(event.type, schemaVersion, event.payload);
      if (!check.ok) throw new Error(`refusing to append: ${check.message}`);
      const envelope = sealEnvelope({
        eventId: uuidv7(),
        type: event.type,
        schemaVersion,
        streamId,
        streamVersion: actual + i + 1,
        occurredAt: context.now.toISOString(),
        producer: this.producer,
        correlationId: context.correlationId,
        causationId: context.causationId,
        actor: context.actor,
        payload: event.payload as Record<string, unknown>,
        prevHash,
      });
      prevHash = envelope.hash;
      return envelope;
    });

    try {
      await manager.query(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at, producer,
                             correlation_id, causation_id, actor, payload, prev_hash, hash, traceparent)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(event_id uuid, stream_id text, stream_version int, type text,
           schema_version int, occurred_at timestamptz, producer text, correlation_id text, causation_id text,
           actor jsonb, payload jsonb, prev_hash text, hash text, traceparent text)`,
        [JSON.stringify(sealed.map((e) => toRow(e, context.traceparent ?? null)))],
      );
    } catch (error) {
      if (
        (error as { code?: string }).code === '23505' &&
        /stream_version/.test(String((error as Error).message) + String((error as { constraint?: string }).constraint))
      ) {
        throw new ConcurrencyError(streamId, actual, null);
      }
      throw error;
    }
    for (const projection of this.projections)
      await projection(
        sealed.map((e) => upcast(e)),
        manager,
      );
    await manager.query(`SELECT pg_notify($1, '')`, [EVENTS_NOTIFY_CHANNEL]);
    return { streamVersion: actual + events.length, events: sealed };
  }

  /** The stream as stored, for verification and export. */
  async readStreamRaw(streamId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    )) as EventRow[];
    return rows.map(rowToEnvelope);
  }

  /** The stream upcast to current schema versions, for deciders and projections. */
  async readStream(streamId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    return (await this.readStreamRaw(streamId, manager)).map((e) => upcast(e));
  }

  /** Every event of one upgrade (correlation id) in global order. */
  async readCorrelated(correlationId: string): Promise<EventEnvelope[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE correlation_id = $1 ORDER BY position`,
      [correlationId],
    )) as EventRow[];
    return rows.map(rowToEnvelope);
  }

  /** Pages through the whole log in global position order (projection rebuilds, verification). */
  async *readAll(batchSize = 5000): AsyncGenerator<EventEnvelope[]> {
    let after = '0';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, batchSize],
      )) as EventRow[];
      if (rows.length === 0) return;
      yield rows.map(rowToEnvelope);
      after = rows[rows.length - 1]!.position;
    }
  }
}

function toRow(e: EventEnvelope, traceparent: string | null) {
  return {
    event_id: e.eventId,
    stream_id: e.streamId,
    stream_version: e.streamVersion,
    type: e.type,
    schema_version: e.schemaVersion,
    occurred_at: e.occurredAt,
    producer: e.producer,
    correlation_id: e.correlationId,
    causation_id: e.causationId,
    actor: e.actor,
    payload: e.payload,
    prev_hash: e.prevHash,
    hash: e.hash,
    traceparent,
  };
}
