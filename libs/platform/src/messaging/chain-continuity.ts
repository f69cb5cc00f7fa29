import type { DeadLetterReason, EventEnvelope } from '@upgrade-control/contracts';

/** One link of a stream's hash chain as a consumer holds it. */
export interface HeldLink {
  version: number;
  eventId: string;
  hash: string;
}

/** What a consumer holds of one stream, as far as judging one event needs it. */
export interface HeldStream {
  /** Lowest and highest version held; null when nothing of the stream is held yet. */
  root: number | null;
  head: number | null;
  /** The link held at the event's version, and at the version before it. */
  same: HeldLink | null;
  previous: HeldLink | null;
}

export type ChainBreak = Extract<DeadLetterReason, 'chain-gap' | 'chain-fork'>;

export type LinkJudgment =
  /** This very event is held already: a redelivery, never a finding. */
  | { kind: 'redelivery' }
  /** A new link: it extends the chain, starts it at version 1, or is adopted as the first one seen. */
  | { kind: 'new'; adopted: boolean }
  | { kind: 'broken'; reason: ChainBreak; error: string };

/**
 * Per-stream chain continuity (ADR 19): an event must be the next link of the chain the consumer
 * holds for its stream. Pure, so every case is a unit test and the rebuild can judge alike.
 *
 * - Same id and hash as the link held at its version: a redelivery (also of an older version).
 * - Another event at a version already held: a fork.
 * - A version past the head + 1, a prevHash that is not the held hash of the version before, a
 *   version 1 naming a prevHash, a later version naming none, or a version below the first link
 *   held: a gap. Its stream's later events then do not chain to the held head either, so they are
 *   parked too until the missing link arrives (or is re-driven) and they are re-driven after it.
 * - Nothing held of the stream: version 1 starts the chain; a later version is adopted as its
 *   first link (trust on first use: a consumer added later, or a topic whose retention dropped the
 *   start). Continuity protects the chains a consumer holds, not the first sight of a new one.
 */
export function judgeLink(event: EventEnvelope, held: HeldStream): LinkJudgment {
  const at = `${event.producer} stream ${event.streamId} v${event.streamVersion} (event ${event.eventId})`;
  const { same, previous } = held;
  if (same) {
    if (same.eventId === event.eventId && same.hash === event.hash) return { kind: 'redelivery' };
    return fork(`${at}: v${same.version} is held as event ${same.eventId} with hash ${same.hash}, not ${event.hash}`);
  }
  if (event.streamVersion === 1 && event.prevHash !== null) return gap(`${at}: a first version names a prevHash`);
  if (event.streamVersion > 1 && event.prevHash === null) return gap(`${at}: no prevHash after version 1`);
  if (held.head === null || held.root === null) return { kind: 'new', adopted: event.streamVersion > 1 };
  if (previous) {
    if (previous.hash === event.prevHash) return { kind: 'new', adopted: false };
    return gap(`${at}: prevHash ${event.prevHash} is not ${previous.hash}, the hash of v${previous.version} held`);
  }
  if (event.streamVersion > held.head)
    return gap(`${at}: the version jumps from v${held.head} held to v${event.streamVersion}`);
  return gap(`${at}: precedes v${held.root}, the first link held of the stream, so it cannot be verified`);
}

const gap = (error: string): LinkJudgment => ({ kind: 'broken', reason: 'chain-gap', error });
const fork = (error: string): LinkJudgment => ({ kind: 'broken', reason: 'chain-fork', error });

/**
 * The links a consumer holds, in memory: for the rebuild, which must skip exactly the events the
 * live consumer parked. Judges an event and holds it when it is a new link, as ConsumedLinks does.
 */
export class LinksInMemory {
  private readonly streams = new Map<string, { root: number; head: number; links: Map<number, HeldLink> }>();

  /** What is held of a stream elsewhere (consumed_links): its first and last version and some links. */
  seed(producer: string, streamId: string, root: number, head: number, links: HeldLink[]): void {
    this.streams.set(`${producer}/${streamId}`, { root, head, links: new Map(links.map((l) => [l.version, l])) });
  }

  follow(event: EventEnvelope): LinkJudgment {
    const key = `${event.producer}/${event.streamId}`;
    const stream = this.streams.get(key);
    const judgment = judgeLink(event, {
      root: stream?.root ?? null,
      head: stream?.head ?? null,
      same: stream?.links.get(event.streamVersion) ?? null,
      previous: stream?.links.get(event.streamVersion - 1) ?? null,
    });
    if (judgment.kind !== 'new') return judgment;
    const link = { version: event.streamVersion, eventId: event.eventId, hash: event.hash };
    if (!stream)
      this.streams.set(key, { root: link.version, head: link.version, links: new Map([[link.version, link]]) });
    else {
      stream.links.set(link.version, link);
      stream.root = Math.min(stream.root, link.version);
      stream.head = Math.max(stream.head, link.version);
    }
    return judgment;
  }
}
