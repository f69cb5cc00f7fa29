import { randomUUID } from 'node:crypto';
import {
  checkpointSigningInput,
  checkpointStreamId,
  checkpointType,
  sealEnvelope,
  type ChainHead,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import { signDetached } from '../signing/detached-jws.js';
import type { SigningKey } from '../signing/signing-keys.js';

// Signed logs for the verification specs: sealed chains and checkpoints as a service writes them.

/** The event after `prev` on its stream (the first when there is none), sealed as a service appends it. */
export function sealedAfter(
  prev: EventEnvelope | undefined,
  event: { producer: ServiceName; streamId: string; payload: Record<string, unknown>; type?: string },
): EventEnvelope {
  const version = (prev?.streamVersion ?? 0) + 1;
  return sealEnvelope({
    eventId: randomUUID(),
    type: event.type ?? 'AssetRegistered',
    schemaVersion: event.type ? 1 : 2,
    streamId: event.streamId,
    streamVersion: version,
    occurredAt: new Date(Date.UTC(2027, 0, 1) + version * 1000).toISOString(),
    producer: event.producer,
    correlationId: event.streamId,
    causationId: null,
    actor: { id: 'alice', role: 'planner' },
    payload: event.payload,
    prevHash: prev?.hash ?? null,
  });
}

/** A sealed chain of `payloads` on one stream, as a service appends it. */
export function chain(producer: ServiceName, streamId: string, payloads: Record<string, unknown>[]): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (const payload of payloads) events.push(sealedAfter(events.at(-1), { producer, streamId, payload }));
  return events;
}

/** The checkpoint after `prev` on the producer's checkpoint stream, signing `heads` with `key`. */
export async function checkpointAfter(
  prev: EventEnvelope | undefined,
  producer: ServiceName,
  key: SigningKey,
  heads: ChainHead[],
): Promise<EventEnvelope> {
  const content = { sequence: (prev?.streamVersion ?? 0) + 1, signedAt: '2027-01-01T00:01:00.000Z', heads };
  const signature = await signDetached(checkpointSigningInput(producer, content), key);
  const payload = { ...content, kid: key.kid, signature };
  return sealedAfter(prev, {
    producer,
    streamId: checkpointStreamId(producer),
    payload,
    type: checkpointType(producer),
  });
}

/** Checkpoint events signed by `key`, chained on the producer's checkpoint stream. */
export async function checkpoints(producer: ServiceName, key: SigningKey, ...batches: ChainHead[][]) {
  const events: EventEnvelope[] = [];
  for (const heads of batches) events.push(await checkpointAfter(events.at(-1), producer, key, heads));
  return events;
}

export const withoutHash = ({ hash: _hash, ...rest }: EventEnvelope) => rest;
export const headOf = (events: EventEnvelope[]): ChainHead => {
  const last = events.at(-1)!;
  return { streamId: last.streamId, version: last.streamVersion, hash: last.hash };
};
