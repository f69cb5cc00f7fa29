import { z } from 'zod';

/**
 * The roles a principal acts in. `agent` is a machine identity (a backup tool, a runbook runner)
 * with its own key or token: it attests facts it measured, such as a backup's verification.
 */
export const ROLES = ['planner', 'approver', 'operator', 'observer', 'auditor', 'agent', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const SERVICES = ['inventory', 'planning', 'execution', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const actorSchema = z.object({ id: z.string().min(1), role: z.enum(ROLES) });
export type Actor = z.infer<typeof actorSchema>;

/** The system itself acting (process managers, watchdogs), recorded like any person. */
export const systemActor = (service: ServiceName): Actor => ({ id: `${service}-service`, role: 'system' });

/** A SHA-256 digest as lower-case hex, the form of every hash in the chain. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256Hex = z.string().regex(SHA256_HEX);

/**
 * The unit of the audit record. Everything except `hash` is covered by the hash, so a changed
 * field, a removed event or a reordered stream breaks the chain.
 */
export const envelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  streamId: z.string().min(1),
  streamVersion: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.enum(SERVICES),
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  actor: actorSchema,
  payload: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex.nullable(),
  hash: sha256Hex,
});

export type EventEnvelope<P = Record<string, unknown>> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & {
  payload: P;
};
export type UnhashedEnvelope<P = Record<string, unknown>> = Omit<EventEnvelope<P>, 'hash'>;
