import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { judgeLink, LinksInMemory, type HeldLink, type HeldStream } from './chain-continuity.js';

/** A stream of monitoring's, sealed in one chain as its store would. */
function chain(length: number): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (let version = 1; version <= length; version += 1)
    events.push(
      sealEnvelope({
        eventId: `0190f0a0-0000-7000-9000-${String(version).padStart(12, '0')}`,
        type: 'MonitoringStarted',
        schemaVersion: 1,
        streamId: 'monitoring-up-1',
        streamVersion: version,
        occurredAt: '2026-11-25T10:00:00.000Z',
        producer: 'monitoring',
        correlationId: 'up-1',
        causationId: null,
        actor: { id: 'monitoring', role: 'system' },
        payload: { upgradeId: 'up-1', n: version },
        prevHash: events.at(-1)?.hash ?? null,
      }),
    );
  return events;
}

/** Another event sealed in `original`'s place (a forger hashes correctly too). */
const resealed = (original: EventEnvelope, changes: Partial<EventEnvelope>): EventEnvelope => {
  const { hash: _hash, ...unhashed } = { ...original, ...changes };
  return sealEnvelope(unhashed);
};

/** What a consumer holds after taking `events` (contiguous), as ConsumedLinks reads it for `event`. */
function holding(events: EventEnvelope[], event: EventEnvelope): HeldStream {
  const link = (v: number): HeldLink | null => {
    const e = events.find((x) => x.streamVersion === v);
    return e ? { version: v, eventId: e.eventId, hash: e.hash } : null;
  };
  const versions = events.map((e) => e.streamVersion);
  return {
    root: versions.length ? Math.min(...versions) : null,
    head: versions.length ? Math.max(...versions) : null,
    same: link(event.streamVersion),
    previous: link(event.streamVersion - 1),
  };
}
const judged = (held: EventEnvelope[], event: EventEnvelope) => judgeLink(event, holding(held, event));

describe('per-stream chain continuity on consume', () => {
  const [v1, v2, v3, v4] = chain(4) as [EventEnvelope, EventEnvelope, EventEnvelope, EventEnvelope];

  it('starts a chain at version 1 and extends it with the next link', () => {
    expect(judged([], v1)).toEqual({ kind: 'new', adopted: false });
    expect(judged([v1], v2)).toEqual({ kind: 'new', adopted: false });
    expect(judged([v1, v2], v3)).toEqual({ kind: 'new', adopted: false });
  });

  it('takes a redelivery of the head or of any older version held as a redelivery, never a finding', () => {
    expect(judged([v1, v2, v3], v3)).toEqual({ kind: 'redelivery' });
    expect(judged([v1, v2, v3], v1)).toEqual({ kind: 'redelivery' });
    expect(judged([v1, v2, v3], v2)).toEqual({ kind: 'redelivery' });
  });

  it('adopts the first event it sees of a stream past version 1 (trust on first use)', () => {
    expect(judged([], v3)).toEqual({ kind: 'new', adopted: true });
    expect(judged([v3], v4)).toEqual({ kind: 'new', adopted: false });
  });

  it('names a version that jumps past the head a gap', () => {
    expect(judged([v1], v3)).toEqual({
      kind: 'broken',
      reason: 'chain-gap',
      error: `monitoring stream monitoring-up-1 v3 (event ${v3.eventId}): the version jumps from v1 held to v3`,
    });
  });

  it('names a next version whose prevHash is not the held head’s hash a gap', () => {
    const forged = resealed(v2, { eventId: '0190f0a0-0000-7000-9000-00000000f0f0', prevHash: 'f'.repeat(64) });
    expect(judged([v1], forged)).toEqual({
      kind: 'broken',
      reason: 'chain-gap',
      error: `monitoring stream monitoring-up-1 v2 (event ${forged.eventId}): prevHash ${'f'.repeat(64)} is not ${v1.hash}, the hash of v1 held`,
    });
  });

  it('names a different event at a version already held a fork, whether head or older', () => {
    const rival = resealed(v2, { eventId: '0190f0a0-0000-7000-9000-00000000beef' });
    expect(judged([v1, v2], rival)).toMatchObject({ kind: 'broken', reason: 'chain-fork' });
    expect(judged([v1, v2, v3], rival)).toEqual({
      kind: 'broken',
      reason: 'chain-fork',
      error: `monitoring stream monitoring-up-1 v2 (event ${rival.eventId}): v2 is held as event ${v2.eventId} with hash ${v2.hash}, not ${rival.hash}`,
    });
    // The same event id with other content and a hash of its own: a fork too, not a redelivery.
    const altered = resealed(v2, { payload: { upgradeId: 'up-1', n: 99 } });
    expect(judged([v1, v2], altered)).toMatchObject({ kind: 'broken', reason: 'chain-fork' });
  });

  it('names a malformed first link or a later one without prevHash a gap, held or not', () => {
    expect(judged([], resealed(v1, { prevHash: 'a'.repeat(64) }))).toMatchObject({
      kind: 'broken',
      reason: 'chain-gap',
      error: expect.stringMatching(/a first version names a prevHash$/),
    });
    expect(judged([], resealed(v3, { prevHash: null }))).toMatchObject({
      kind: 'broken',
      reason: 'chain-gap',
      error: expect.stringMatching(/no prevHash after version 1$/),
    });
  });

  it('names a version below the first link held (adopted mid-stream) a gap: it cannot be verified', () => {
    expect(judged([v3, v4], v1)).toMatchObject({
      kind: 'broken',
      reason: 'chain-gap',
      error: expect.stringMatching(/precedes v3, the first link held of the stream, so it cannot be verified$/),
    });
  });

  it('accepts the missing link after a gap, and then the event that was parked for the gap', () => {
    expect(judged([v1], v3)).toMatchObject({ reason: 'chain-gap' });
    expect(judged([v1], v2)).toEqual({ kind: 'new', adopted: false });
    expect(judged([v1, v2], v3)).toEqual({ kind: 'new', adopted: false });
  });

  it('judges a delivery sequence in memory as the consumer does (the rebuild)', () => {
    const links = new LinksInMemory();
    const forged = resealed(v2, { eventId: '0190f0a0-0000-7000-9000-00000000f0f0', prevHash: 'f'.repeat(64) });
    expect([v1, v3, forged, v2, v1, v3, v3].map((e) => links.follow(e).kind)).toEqual([
      'new',
      'broken', // v3 before v2: a gap, not held
      'broken', // not linked to v1
      'new',
      'redelivery',
      'new', // re-driven after the gap was filled
      'redelivery',
    ]);
  });
});
