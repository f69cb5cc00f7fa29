import { uuidv7 } from './uuid-v7.js';
import { checkPayload, currentDefinition, sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import type { ServiceName } from '@upgrade-control/contracts';
import { ContractViolationError } from './contract-violation.js';
import { refuseOversized } from './event-too-large.js';
import type { AppendContext, NewEvent } from './event-store.js';

/** What new events chain onto: the stream's last version and hash (none for a new stream). */
export interface Head {
  version: number;
  hash: string | null;
}

/**
 * New events as envelopes, each hash-chained to the one before and the first to `head`. Refuses
 * (throws) an event that breaks its own published contract, so nothing leaves the service that
 * does, and one whose Kafka record would exceed `maxEventBytes`, which the broker would refuse.
 */
export function sealEvents(
  producer: ServiceName,
  streamId: string,
  head: Head,
  events: NewEvent[],
  context: AppendContext,
  maxEventBytes: number,
): EventEnvelope[] {
  let prevHash = head.hash;
  const sealed = events.map((event, i) => {
    const schemaVersion = currentDefinition(event.type)?.schemaVersion ?? 0;
    const check = checkPayload(event.type, schemaVersion, event.payload);
    if (!check.ok) throw new ContractViolationError(event.type, check.issues, check.message);
    const envelope = sealEnvelope({
      eventId: uuidv7(),
      type: event.type,
      schemaVersion,
      streamId,
      streamVersion: head.version + i + 1,
      occurredAt: context.now.toISOString(),
      producer,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      payload: event.payload as Record<string, unknown>,
      prevHash,
    });
    prevHash = envelope.hash;
    return envelope;
  });
  refuseOversized(sealed, context.traceparent ?? null, maxEventBytes);
  return sealed;
}
