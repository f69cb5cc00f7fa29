import { draftCommands, history } from './fixtures/upgrade-plan.js';
import {
  currentDefinition,
  sealEnvelope,
  type Actor,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';

/** Seals domain events into one stream's hash-chained envelopes, as a service's store would. */
export function publishedStream(
  producer: ServiceName,
  streamId: string,
  correlationId: string,
  events: { type: string; payload: unknown }[],
  start: Date,
  actor: Actor = { id: 'alice', role: 'planner' },
  // The stream's last published event, when these continue it (its chain and version go on).
  after: EventEnvelope | null = null,
): EventEnvelope[] {
  let prevHash: string | null = after?.hash ?? null;
  let causationId: string | null = after?.eventId ?? null;
  const first = after?.streamVersion ?? 0;
  return events.map((event, i) => {
    const sealed: EventEnvelope = sealEnvelope({
      eventId: uuidv7(),
      type: event.type,
      schemaVersion: currentDefinition(event.type)?.schemaVersion ?? 1,
      streamId,
      streamVersion: first + i + 1,
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

/** A draft plan's events, sealed in one chain as planning publishes them (valid for any consumer). */
export const draftPlanStream = (upgradeId: string): EventEnvelope[] =>
  publishedStream(
    'planning',
    `upgrade-${upgradeId}`,
    upgradeId,
    history(draftCommands.map((c) => (c.type === 'ProposeUpgrade' ? { ...c, upgradeId } : c))),
    new Date('2026-12-01T00:00:00Z'),
  );
