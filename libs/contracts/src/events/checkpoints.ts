import { z } from 'zod';
import { canonicalJson } from '../canonical-json.js';
import { defineEvent, type EventDefinition } from '../define-event.js';
import { SERVICES, type ServiceName } from '../envelope.js';
import { isoDateTime } from './common.js';

/**
 * A signed checkpoint of a service's chain heads (ADR 20). Each service publishes its own type
 * (`InventoryChainHeadsCheckpointed`, …) because one type has one producer: that is what lets a
 * consumer refuse a checkpoint written by anyone else (trust on consume).
 */
export const checkpointStreamId = (service: ServiceName): string => `checkpoint-${service}`;

/**
 * Heads per checkpoint event: an entry is at most ~330 bytes of JSON (a 200-character stream id,
 * a version, a 64-character hash), so 1,000 stay far below the 900 KB event limit. More changed
 * streams become several checkpoint events in one append.
 */
export const MAX_HEADS_PER_CHECKPOINT = 1000;

const head = z.object({
  streamId: z.string().min(1).max(200),
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ChainHead = z.infer<typeof head>;

const checkpointSchema = z.object({
  /** 1, 2, 3…: the checkpoint stream's version, signed, so a removed checkpoint leaves a gap. */
  sequence: z.number().int().positive(),
  signedAt: isoDateTime,
  /** The heads that moved since the previous checkpoint, sorted by stream id. */
  heads: z.array(head).max(MAX_HEADS_PER_CHECKPOINT),
  /** The signing key's id: auditors look the public key up by producer and kid. */
  kid: z.string().min(1).max(200),
  /** Detached compact JWS (RFC 7515 appendix F), EdDSA, over `checkpointSigningInput`. */
  signature: z.string().regex(/^[\w-]+\.\.[\w-]+$/),
});
export type ChainHeadsCheckpoint = z.infer<typeof checkpointSchema>;

const capitalized = (service: ServiceName) => `${service[0]!.toUpperCase()}${service.slice(1)}`;

export const checkpointType = (service: ServiceName) => `${capitalized(service)}ChainHeadsCheckpointed` as const;

const defineCheckpoint = (service: ServiceName) =>
  defineEvent({
    type: checkpointType(service),
    producer: service,
    description: `${service} signed (Ed25519, JWS) the heads of its hash chains that moved since its previous checkpoint.`,
    schema: checkpointSchema,
  });

export const checkpointEvents: readonly EventDefinition[] = SERVICES.map(defineCheckpoint);

const types = new Map<string, ServiceName>(SERVICES.map((s) => [checkpointType(s), s]));
/** The service whose checkpoint type this is, or null for any other type. */
export const checkpointProducer = (type: string): ServiceName | null => types.get(type) ?? null;

/**
 * The exact bytes a checkpoint's signature covers: the producer (so one service's checkpoint
 * cannot pass as another's), sequence, time and heads, in canonical JSON.
 */
export function checkpointSigningInput(
  producer: ServiceName,
  checkpoint: Pick<ChainHeadsCheckpoint, 'sequence' | 'signedAt' | 'heads'>,
): Uint8Array {
  const { sequence, signedAt, heads } = checkpoint;
  return new TextEncoder().encode(canonicalJson({ producer, sequence, signedAt, heads }));
}
