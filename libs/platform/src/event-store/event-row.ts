import type { EventEnvelope, ServiceName } from '@upgrade-control/contracts';

export interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  occurred_at: Date;
  producer: string;
  correlation_id: string;
  causation_id: string | null;
  actor: EventEnvelope['actor'];
  payload: Record<string, unknown>;
  prev_hash: string | null;
  hash: string;
  traceparent: string | null;
}

export const EVENT_COLUMNS =
  'position, event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id, causation_id, actor, payload, prev_hash, hash, traceparent';

/** The envelope exactly as it was hashed; occurredAt is always written as Date#toISOString. */
export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    occurredAt: row.occurred_at.toISOString(),
    producer: row.producer as ServiceName,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    actor: row.actor,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
