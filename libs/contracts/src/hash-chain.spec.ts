import { canonicalJson } from './canonical-json.js';
import { sealEnvelope, verifyLog, verifyStreamChain } from './hash-chain.js';
import type { EventEnvelope } from './envelope.js';

const actor = { id: 'alice', role: 'planner' } as const;

function chain(streamId: string, payloads: Record<string, unknown>[]): EventEnvelope[] {
  let prevHash: string | null = null;
  return payloads.map((payload, i) => {
    const sealed = sealEnvelope({
      eventId: `0190f0a0-0000-7000-8000-00000000000${i}`,
      type: 'AssetRetired',
      schemaVersion: 1,
      streamId,
      streamVersion: i + 1,
      occurredAt: '2026-11-25T10:00:00.000Z',
      producer: 'inventory',
      correlationId: streamId,
      causationId: null,
      actor,
      payload,
      prevHash,
    });
    prevHash = sealed.hash;
    return sealed;
  });
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so jsonb reordering cannot change a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, array-index keys included, and escapes them', () => {
    expect(canonicalJson({ '9': 1, '10': 2, é: 3, z: 4, '-x': 5, 'a"b': 6 })).toBe(
      '{"-x":5,"10":2,"9":1,"a\\"b":6,"z":4,"é":3}',
    );
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson(undefined)).toThrow('undefined is not JSON');
    expect(() => canonicalJson({ a: [Number.NaN] })).toThrow('non-finite number');
  });
});

describe('hash chain', () => {
  const events = chain('asset-1', [
    { assetId: 'asset-1', reason: 'replaced' },
    { assetId: 'asset-1', reason: 'again' },
  ]);

  it('links each event to the previous one', () => {
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(verifyStreamChain(events)).toBeNull();
  });

  it('names the stream, version and both hashes of a tampered event', () => {
    const tampered = [events[0]!, { ...events[1]!, payload: { assetId: 'asset-1', reason: 'forged' } }];
    expect(verifyStreamChain(tampered)).toEqual({
      streamId: 'asset-1',
      streamVersion: 2,
      eventId: events[1]!.eventId,
      problem: 'hash-mismatch',
      expected: expect.stringMatching(/^[0-9a-f]{64}$/),
      found: events[1]!.hash,
    });
  });

  it('finds a removed event as a gap', () => {
    expect(verifyStreamChain([events[1]!])).toMatchObject({ problem: 'version-gap', streamVersion: 2 });
  });

  it('verifies a merged log per stream', () => {
    const other = chain('asset-2', [{ assetId: 'asset-2', reason: 'x' }]);
    expect(verifyLog([events[0]!, ...other, events[1]!])).toEqual({
      streams: 2,
      events: 3,
      redeliveries: 0,
      broken: [],
    });
  });

  it('reports an event whose hash cannot be computed instead of throwing', () => {
    const crafted = { ...events[0]!, payload: { assetId: 'asset-1', reason: Number.POSITIVE_INFINITY } };
    expect(verifyStreamChain([crafted])).toMatchObject({
      problem: 'hash-mismatch',
      expected: 'unhashable: non-finite number',
    });
  });
});

describe('verifying a log delivered at least once', () => {
  const [v1, v2, v3] = chain('asset-1', [
    { assetId: 'asset-1', reason: 'a' },
    { assetId: 'asset-1', reason: 'b' },
    { assetId: 'asset-1', reason: 'c' },
  ]) as [EventEnvelope, EventEnvelope, EventEnvelope];
  /** Another event sealed at v2's place: a valid hash of its own, linked to v1. */
  const rival = (changes: Partial<EventEnvelope>) => {
    const { hash: _hash, ...unhashed } = { ...v2, ...changes };
    return sealEnvelope(unhashed);
  };

  it('counts the same event (id and hash) seen again as a redelivery, not a break', () => {
    // A relay retry re-sends a batch after part of it was written: v1 v2 v1 v2 v3.
    expect(verifyLog([v1, v2, v1, v2, v3])).toEqual({ streams: 1, events: 3, redeliveries: 2, broken: [] });
    // Copies decoded from JSON are other objects with the same content.
    expect(verifyLog([v1, v2, structuredClone(v2), v3]).redeliveries).toBe(1);
  });

  it('reports two different events at one version as conflicting-version', () => {
    const forged = rival({ eventId: '0190f0a0-0000-7000-8000-0000000000ff' });
    expect(verifyLog([v1, v2, forged, v3]).broken).toEqual([
      {
        streamId: 'asset-1',
        streamVersion: 2,
        eventId: forged.eventId,
        problem: 'conflicting-version',
        expected: `${v2.eventId} ${v2.hash}`,
        found: `${forged.eventId} ${forged.hash}`,
      },
    ]);
  });

  it('reports the same event id re-sealed with another payload as conflicting-version, whichever came first', () => {
    const altered = rival({ payload: { assetId: 'asset-1', reason: 'forged' } });
    expect(altered.hash).not.toBe(v2.hash);
    expect(verifyLog([v1, v2, altered, v3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, eventId: v2.eventId, problem: 'conflicting-version' }),
    ]);
    expect(verifyLog([v1, altered, v3, v2]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, problem: 'conflicting-version', found: `${v2.eventId} ${v2.hash}` }),
    ]);
  });

  it('reports a copy that keeps the id and hash but not the content as a hash mismatch', () => {
    const doctored = { ...v2, payload: { assetId: 'asset-1', reason: 'forged' } };
    expect(verifyLog([v1, v2, doctored, v3])).toMatchObject({
      redeliveries: 0,
      broken: [{ streamVersion: 2, problem: 'hash-mismatch', found: v2.hash }],
    });
    // The doctored copy first, the genuine one later: the kept copy fails its own hash.
    expect(verifyLog([v1, doctored, v2, v3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, problem: 'hash-mismatch', found: v2.hash }),
    ]);
  });

  it('still finds a gap, a broken link and a tampered event among redeliveries', () => {
    expect(verifyLog([v1, v1, v3, v3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 3, problem: 'version-gap', expected: '2', found: '3' }),
    ]);
    const unlinked = rival({ prevHash: 'f'.repeat(64) });
    expect(verifyLog([v1, v1, unlinked, v3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, problem: 'prev-hash-mismatch' }),
    ]);
    const tampered = { ...v3, payload: { assetId: 'asset-1', reason: 'forged' } };
    expect(verifyLog([v1, v2, v2, tampered]).broken).toEqual([
      expect.objectContaining({ streamVersion: 3, problem: 'hash-mismatch' }),
    ]);
  });

  it('names the lowest broken version of a stream when a conflict and a chain break coexist', () => {
    const forged = rival({ eventId: '0190f0a0-0000-7000-8000-0000000000ff' });
    const tampered2 = { ...v2, payload: { assetId: 'asset-1', reason: 'forged' } };
    const tampered3 = { ...v3, payload: { assetId: 'asset-1', reason: 'forged' } };
    const rival3 = { ...v3, eventId: '0190f0a0-0000-7000-8000-0000000000fe' };
    expect(verifyLog([v1, tampered2, v3, rival3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, problem: 'hash-mismatch' }),
    ]);
    expect(verifyLog([v1, v2, forged, tampered3]).broken).toEqual([
      expect.objectContaining({ streamVersion: 2, problem: 'conflicting-version' }),
    ]);
  });
});
