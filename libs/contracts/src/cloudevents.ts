import type { EventEnvelope } from './envelope.js';
import { readEnvelope } from './envelope-reader.js';

/** A transport-neutral Kafka record: key, value and string headers. */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export const cloudEventType = (type: string, schemaVersion: number): string =>
  `dev.upgradecontrol.${type}.v${schemaVersion}`;

/**
 * CloudEvents 1.0 Kafka binary mode: the event's attributes travel as ce_* headers, so generic
 * consumers and tracing tools understand it; the value is our whole envelope (its data),
 * so the hash chain can be verified from the topic alone. The key is the stream id: one stream's
 * events always land in one partition, in stream order (ADR 10). Topics are per producer, so a
 * stream id names one stream on its topic.
 */
export function toKafkaRecord(envelope: EventEnvelope, traceparent?: string | null): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: envelope.eventId,
    ce_type: cloudEventType(envelope.type, envelope.schemaVersion),
    ce_source: `/upgrade-control/${envelope.producer}`,
    ce_time: envelope.occurredAt,
    ce_subject: envelope.streamId,
    ce_correlationid: envelope.correlationId,
    'content-type': 'application/json',
  };
  if (envelope.causationId) headers.ce_causationid = envelope.causationId;
  if (traceparent) headers.traceparent = traceparent;
  return { key: envelope.streamId, value: JSON.stringify(envelope), headers };
}

export type ParsedRecord =
  { ok: true; envelope: EventEnvelope; traceparent: string | null } | { ok: false; error: string };

/** The envelope of a record's value; the trace context from its headers, where they are given. */
export function fromKafkaRecord(value: string | null, headers: Record<string, string | undefined> = {}): ParsedRecord {
  if (value === null) return { ok: false, error: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const read = readEnvelope(json);
  if (!read.ok) return read;
  return { ok: true, envelope: read.envelope, traceparent: headers.traceparent ?? null };
}
