import {
  checkPayload,
  computeEventHash,
  currentDefinition,
  definitionAt,
  fromKafkaRecord,
  upcast,
  type DeadLetterReason,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import type { IncomingRecord } from './message-bus.js';

/** Why a message is refused before it touches the database: every dead-letter reason but a failed handler. */
export type PoisonReason = Exclude<DeadLetterReason, 'handler-failed'>;

export type Inspection =
  /** `stored` when the message is an authentic event of its topic's owner, so it counts for its chain. */
  | { kind: 'poison'; reason: PoisonReason; error: string; stored?: EventEnvelope }
  | { kind: 'skip'; reason: 'unknown-type' | 'not-handled'; eventId: string; stored: EventEnvelope }
  | { kind: 'event'; event: EventEnvelope; stored: EventEnvelope };

/**
 * Everything a consumer checks before a message may touch its database: pure and total, so
 * a crafted message (a number that overflows to Infinity, JSON nested deep enough to exhaust the
 * stack, a forged hash) is named as poison instead of throwing out of the consumer loop.
 */
export function inspectRecord(
  record: IncomingRecord,
  handles: (type: string) => boolean,
  /** The service that owns the record's topic, where the topic says so (not a redrive topic). */
  topicOwner: ServiceName | null = null,
): Inspection {
  // The value alone: nothing a consumer does reads the trace context, so its headers stay encoded
  // (decoding a record's nine CloudEvents headers was about 3 % of a consumer's time, issue 19).
  const parsed = guard(() => fromKafkaRecord(record.value));
  if (!parsed.ok) return poison('invalid-envelope', parsed.error);
  if (!parsed.value.ok) return poison('invalid-envelope', parsed.value.error);
  const stored = parsed.value.envelope;
  const recomputed = guard(() => computeEventHash(stored));
  if (!recomputed.ok) return poison('unhashable', `event ${stored.eventId} cannot be hashed: ${recomputed.error}`);
  if (recomputed.value !== stored.hash)
    return poison('hash-mismatch', `event ${stored.eventId} does not match its hash`);
  const foreign = foreignProducer(stored, topicOwner);
  if (foreign) return poison('foreign-producer', foreign);
  if (!definitionAt(stored.type, stored.schemaVersion)) {
    // A type this build has never heard of comes from a newer producer: skip it, do not fail.
    // A known type at a version it cannot read is a contract break: poison.
    if (!currentDefinition(stored.type))
      return { kind: 'skip', reason: 'unknown-type', eventId: stored.eventId, stored };
    return poison(
      'unknown-schema-version',
      `${stored.type} v${stored.schemaVersion} has no definition or upcaster here`,
      stored,
    );
  }
  if (!handles(stored.type)) return { kind: 'skip', reason: 'not-handled', eventId: stored.eventId, stored };
  const check = guard(() => checkPayload(stored.type, stored.schemaVersion, stored.payload));
  if (!check.ok) return poison('invalid-payload', check.error, stored);
  if (!check.value.ok) return poison('invalid-payload', check.value.message, stored);
  const event = guard(() => upcast(stored));
  if (!event.ok) return poison('upcast-failed', event.error, stored);
  return { kind: 'event', event: event.value, stored };
}

/** `stored` once the event is authentic (its hash, its producer): then it is a link of its stream. */
const poison = (reason: PoisonReason, error: string, stored?: EventEnvelope): Inspection =>
  stored ? { kind: 'poison', reason, error, stored } : { kind: 'poison', reason, error };

/**
 * Trust on consume: an event counts only from its topic's owner, and only if its type is one that
 * producer publishes. A valid hash proves nothing here (anyone can hash), so a RegressionDetected
 * written by someone other than monitoring, or onto another service's topic, never reaches a
 * handler: it is parked as a security finding.
 */
function foreignProducer(stored: EventEnvelope, topicOwner: ServiceName | null): string | null {
  if (topicOwner && stored.producer !== topicOwner)
    return `event ${stored.eventId} claims producer ${stored.producer} but came on ${topicOwner}'s topic`;
  const owner = currentDefinition(stored.type)?.producer;
  if (owner && owner !== stored.producer)
    return `${stored.type} is published by ${owner} only, but event ${stored.eventId} claims producer ${stored.producer}`;
  return null;
}

function guard<T>(work: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
