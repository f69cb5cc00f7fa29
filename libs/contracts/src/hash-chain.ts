import { hash } from 'node:crypto';
import type { EventEnvelope, UnhashedEnvelope } from './envelope.js';
import { canonicalUnhashed } from './envelope-canonical-form.js';

/**
 * hash = SHA-256(prevHash ‖ canonical JSON of the envelope without its hash). A `hash` the object
 * carries is left out, so a stored event is checked without copying it. One-shot hashing of the
 * joined text gives the same digest as two updates, for less per event.
 */
export function computeEventHash(envelope: UnhashedEnvelope | EventEnvelope): string {
  return hash('sha256', (envelope.prevHash ?? '') + canonicalUnhashed(envelope));
}

export function sealEnvelope<P>(envelope: UnhashedEnvelope<P>): EventEnvelope<P> {
  return { ...envelope, hash: computeEventHash(envelope as UnhashedEnvelope) };
}

export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  eventId: string;
  /** conflicting-version: two different events (id or hash) claim one stream version. */
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'version-gap' | 'conflicting-version';
  expected: string;
  found: string;
}

/** The hash an event should carry, or why none can be computed (a crafted non-finite number, deep nesting). */
export function recomputedHash(event: EventEnvelope): string {
  try {
    return computeEventHash(event);
  } catch (error) {
    return `unhashable: ${(error as Error).message}`;
  }
}

/** Where a stream's chain stands: its last event's version and hash (0 and null before the first). */
export interface ChainTip {
  version: number;
  hash: string | null;
}

/**
 * The one link check of a chain, for `verifyStreamChain` and the auditor's streaming fold (ADR 26):
 * the event must be the tip's next version, link to the tip's hash, and carry its own hash.
 */
export function checkLink(tip: ChainTip, event: EventEnvelope): BrokenLink | null {
  const at = { streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId };
  if (event.streamVersion !== tip.version + 1)
    return { ...at, problem: 'version-gap', expected: String(tip.version + 1), found: String(event.streamVersion) };
  if (event.prevHash !== tip.hash)
    return { ...at, problem: 'prev-hash-mismatch', expected: tip.hash ?? 'null', found: event.prevHash ?? 'null' };
  const recomputed = recomputedHash(event);
  if (recomputed !== event.hash) return { ...at, problem: 'hash-mismatch', expected: recomputed, found: event.hash };
  return null;
}

/**
 * A second event at a version already held: null when it is the kept event again (same id, same
 * hash, content matching that hash), a redelivery; else what breaks. `recomputed` is the copy's
 * recomputed hash, taken by a caller that no longer holds the copy.
 */
export function checkCopy(
  kept: { eventId: string; hash: string },
  copy: { streamId: string; streamVersion: number; eventId: string; hash: string },
  recomputed: string,
): BrokenLink | null {
  const at = { streamId: copy.streamId, streamVersion: copy.streamVersion, eventId: copy.eventId };
  if (copy.eventId !== kept.eventId || copy.hash !== kept.hash)
    return {
      ...at,
      problem: 'conflicting-version',
      expected: `${kept.eventId} ${kept.hash}`,
      found: `${copy.eventId} ${copy.hash}`,
    };
  // Same id and hash but altered content: the copy's own hash gives it away.
  if (recomputed !== copy.hash) return { ...at, problem: 'hash-mismatch', expected: recomputed, found: copy.hash };
  return null;
}

/**
 * Verifies one stream's chain, in stream order, and reports the first broken link.
 * Pure, so auditors can run it offline over an exported log.
 */
export function verifyStreamChain(events: readonly EventEnvelope[]): BrokenLink | null {
  let tip: ChainTip = { version: 0, hash: null };
  for (const event of events) {
    const link = checkLink(tip, event);
    if (link) return link;
    tip = { version: event.streamVersion, hash: event.hash };
  }
  return null;
}

/**
 * One stream's copies reduced to one event per version. Kafka delivers at least once, so the
 * same event may appear several times: each extra copy is a redelivery. Any other second event
 * at a version is tampering.
 */
function collapseRedeliveries(copies: readonly EventEnvelope[]): {
  chain: EventEnvelope[];
  redeliveries: number;
  conflict: BrokenLink | null;
} {
  const first = new Map<number, EventEnvelope>();
  let redeliveries = 0;
  let conflict: BrokenLink | null = null;
  for (const copy of copies) {
    const kept = first.get(copy.streamVersion);
    if (!kept) {
      first.set(copy.streamVersion, copy);
      continue;
    }
    const link = checkCopy(kept, copy, recomputedHash(copy));
    if (!link) redeliveries += 1;
    else if (!conflict || link.streamVersion < conflict.streamVersion) conflict = link;
  }
  const chain = [...first.values()].sort((a, b) => a.streamVersion - b.streamVersion);
  return { chain, redeliveries, conflict };
}

/** A merged log's verification: `events` counts distinct events, `redeliveries` the extra copies. */
export interface LogVerification {
  streams: number;
  events: number;
  redeliveries: number;
  broken: BrokenLink[];
}

/**
 * Groups a merged log by stream and verifies every chain, naming each stream's first broken
 * link (lowest version). Redelivered copies are counted, not reported.
 */
export function verifyLog(events: readonly EventEnvelope[]): LogVerification {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const key = `${event.producer}/${event.streamId}`;
    const list = byStream.get(key) ?? [];
    list.push(event);
    byStream.set(key, list);
  }
  const broken: BrokenLink[] = [];
  let redeliveries = 0;
  for (const copies of byStream.values()) {
    const stream = collapseRedeliveries(copies);
    redeliveries += stream.redeliveries;
    const link = verifyStreamChain(stream.chain);
    const first =
      stream.conflict && (!link || stream.conflict.streamVersion <= link.streamVersion) ? stream.conflict : link;
    if (first) broken.push(first);
  }
  return { streams: byStream.size, events: events.length - redeliveries, redeliveries, broken };
}
