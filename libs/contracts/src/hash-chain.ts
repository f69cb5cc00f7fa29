import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { EventEnvelope, UnhashedEnvelope } from './envelope.js';

/** hash = SHA-256(prevHash ‖ canonical JSON of the envelope without its hash). */
export function computeEventHash(envelope: UnhashedEnvelope): string {
  return createHash('sha256')
    .update(envelope.prevHash ?? '')
    .update(canonicalJson(envelope))
    .digest('hex');
}

export function sealEnvelope<P>(envelope: UnhashedEnvelope<P>): EventEnvelope<P> {
  return { ...envelope, hash: computeEventHash(envelope as UnhashedEnvelope) };
}

export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  eventId: string;
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap';
  expected: string;
  found: string;
}

/**
 * Verifies one stream's chain, in stream order, and reports the first broken link.
 * Pure, so auditors can run it offline over an exported log.
 */
export function verifyStreamChain(events: readonly EventEnvelope[]): BrokenLink | null {
  let prevHash: string | null = null;
  let expectedVersion = 1;
  for (const event of events) {
    const { hash, ...unhashed } = event;
    const at = { streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId };
    if (event.streamVersion !== expectedVersion) {
      return { ...at, problem: 'version-gap', expected: String(expectedVersion), found: String(event.streamVersion) };
    }
    if (event.prevHash !== prevHash) {
      return { ...at, problem: 'prev-hash-mismatch', expected: prevHash ?? 'null', found: event.prevHash ?? 'null' };
    }
    const recomputed = computeEventHash(unhashed);
    if (recomputed !== hash) return { ...at, problem: 'hash-mismatch', expected: recomputed, found: hash };
    prevHash = hash;
    expectedVersion += 1;
  }
  return null;
}

/** Groups a merged log by stream (keeping order) and verifies every chain. */
export interface LogVerification {
  streams: number;
  events: number;
  broken: BrokenLink[];
}

export function verifyLog(events: readonly EventEnvelope[]): LogVerification {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const key = `${event.producer}/${event.streamId}`;
    const list = byStream.get(key) ?? [];
    list.push(event);
    byStream.set(key, list);
  }
  const broken: BrokenLink[] = [];
  for (const stream of byStream.values()) {
    stream.sort((a, b) => a.streamVersion - b.streamVersion);
    const link = verifyStreamChain(stream);
    if (link) broken.push(link);
  }
  return { streams: byStream.size, events: events.length, broken };
}
