import { sealEnvelope } from '../hash-chain.js';

/** A sealed event as a store writes one: every field of the envelope, each of its usual kind. */
export const sampleEnvelope = sealEnvelope({
  eventId: '0190f0a0-0000-7000-8000-000000000001',
  type: 'StepStarted',
  schemaVersion: 1,
  streamId: 'execution-u1',
  streamVersion: 2,
  occurredAt: '2026-11-25T10:00:00.000Z',
  producer: 'execution',
  correlationId: 'u1',
  causationId: null,
  actor: { id: 'olga', role: 'operator' },
  payload: { upgradeId: 'u1', stepId: 'step-1', notes: ['ü', { b: 1, a: 2 }] },
  prevHash: 'a'.repeat(64),
});
