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
    expect(verifyLog([events[0]!, ...other, events[1]!])).toEqual({ streams: 2, events: 3, broken: [] });
  });
});
