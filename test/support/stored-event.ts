import type { EventEnvelope } from '@upgrade-control/contracts';

type Varied = Pick<EventEnvelope, 'type' | 'streamId' | 'producer' | 'correlationId' | 'actor' | 'payload'>;

/** A version-1 event as the log holds it, for upcaster specs: a spec names only what it varies. */
export const storedV1Event = (fields: Varied & Partial<EventEnvelope>): EventEnvelope => ({
  eventId: '0190f0a0-0000-7000-8000-000000000001',
  schemaVersion: 1,
  streamVersion: 1,
  occurredAt: '2026-11-25T10:00:00.000Z',
  causationId: null,
  prevHash: null,
  hash: 'a'.repeat(64),
  ...fields,
});
