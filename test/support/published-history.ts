import { sealEnvelope, type Actor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { v7 as uuidv7 } from 'uuid';

/** Seals domain events into one stream's hash-chained envelopes, as a service's store would. */
export function publishedStream(
  producer: ServiceName,
  streamId: string,
  correlationId: string,
  events: { type: string; payload: unknown }[],
  start: Date,
  actor: Actor = { id: 'alice', role: 'planner' },
): EventEnvelope[] {
  let prevHash: string | null = null;
  let causationId: string | null = null;
  return events.map((event, i) => {
    const sealed: EventEnvelope = sealEnvelope({
      eventId: uuidv7(),
      type: event.type,
      schemaVersion: event.type === 'AssetRegistered' ? 2 : 1,
      streamId,
      streamVersion: i + 1,
      occurredAt: new Date(start.getTime() + i * 60_000).toISOString(),
      producer,
      correlationId,
      causationId,
      actor,
      payload: event.payload as Record<string, unknown>,
      prevHash,
    });
    prevHash = sealed.hash;
    causationId = sealed.eventId;
    return sealed;
  });
}
