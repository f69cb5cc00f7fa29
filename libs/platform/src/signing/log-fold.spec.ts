import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sealEnvelope, verifyLog, type ChainHead, type EventEnvelope } from '@upgrade-control/contracts';
import { chain, checkpointAfter, checkpoints, headOf, sealedAfter, withoutHash } from '../testing/signed-log.js';
import { verifyCheckpoints } from './checkpoint-verification.js';
import { foldLog } from './log-fold.js';
import type { SigningKey, TrustedKeys } from './signing-keys.js';

const pair = generateKeyPairSync('ed25519');
const key: SigningKey = { kid: 'inv-1', privateKey: pair.privateKey };
const trusted: TrustedKeys = new Map([['inventory', new Map<string, KeyObject>([['inv-1', pair.publicKey]])]]);

async function* each(events: readonly EventEnvelope[]) {
  yield* events;
}
const fold = async (events: readonly EventEnvelope[]) => {
  const { retained: _retained, ...result } = await foldLog(() => each(events), trusted);
  return result;
};
/** What the whole-log checks (verifyLog, verifyCheckpoints) say, the oracle the fold must agree with. */
const inMemory = async (events: readonly EventEnvelope[]) => ({
  ...verifyLog(events),
  checkpoints: await verifyCheckpoints(events, trusted),
});
const head = (events: EventEnvelope[], version: number): ChainHead => headOf(events.slice(0, version));
const resealed = (e: EventEnvelope, changes: Partial<EventEnvelope>) => sealEnvelope({ ...withoutHash(e), ...changes });

describe('the streaming verification fold agrees with the whole-log checks', () => {
  const asset = chain('inventory', 'asset-a1', [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  const other = chain('inventory', 'asset-b2', [{ n: 1 }, { n: 2 }]);

  it('on a clean log with a relay retry re-sending versions behind the head', async () => {
    const signed = await checkpoints('inventory', key, [head(asset, 4), headOf(other)]);
    const log = [...asset, ...other, ...asset.slice(1, 3), ...signed, ...signed, asset[3]!];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result).toMatchObject({ streams: 3, events: 7, redeliveries: 4, broken: [] });
  });

  it('on a copy that claims a passed version with other content and a valid hash of its own', async () => {
    const forged = resealed(asset[1]!, { actor: { id: 'mallory', role: 'planner' } });
    const log = [...asset, forged];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result.broken).toEqual([
      expect.objectContaining({
        streamVersion: 2,
        problem: 'conflicting-version',
        expected: `${asset[1]!.eventId} ${asset[1]!.hash}`,
        found: `${forged.eventId} ${forged.hash}`,
      }),
    ]);
  });

  it('on a copy with the original id and hash but altered content', async () => {
    const log = [...asset, { ...asset[1]!, payload: { n: 20 } }];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result.broken).toEqual([expect.objectContaining({ streamVersion: 2, problem: 'hash-mismatch' })]);
  });

  it('on chains broken by a gap, a wrong link and a wrong hash', async () => {
    const log = [
      ...asset.filter((e) => e.streamVersion !== 2),
      ...other.map((e, i) => (i === 1 ? { ...e, payload: { n: 9 } } : e)),
      ...chain('inventory', 'asset-c3', [{ n: 1 }, { n: 2 }]).map((e, i) =>
        i === 1 ? resealed(e, { prevHash: 'f'.repeat(64) }) : e,
      ),
    ];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result.broken.map((b) => b.problem)).toEqual(['version-gap', 'hash-mismatch', 'prev-hash-mismatch']);
  });

  it('on a rewrite that a later checkpoint signed over, read before the events it signs', async () => {
    const forged = chain('inventory', 'asset-a1', [{ n: 0 }, { n: 0 }, { n: 0 }, { n: 4 }]);
    const signed = await checkpoints('inventory', key, [head(asset, 2)], [headOf(forged)]);
    const log = [...signed, ...forged];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result.checkpoints.broken).toEqual([expect.objectContaining({ streamVersion: 2, problem: 'rewritten' })]);
  });

  it('on a checkpoint read after its stream moved on, for a rewritten and for a faithful stream', async () => {
    const forged = chain('inventory', 'asset-a1', [{ n: 0 }, { n: 0 }, { n: 3 }, { n: 4 }]);
    const signed = await checkpoints('inventory', key, [head(asset, 2), head(other, 1)]);
    const log = [...forged, ...other, ...signed];
    const result = await fold(log);
    expect(result).toEqual(await inMemory(log));
    expect(result.checkpoints).toMatchObject({ checkpoints: 1, signedHeads: 2 });
    expect(result.checkpoints.broken).toEqual([
      expect.objectContaining({ streamId: 'asset-a1', streamVersion: 2, problem: 'rewritten' }),
    ]);
  });

  it('on a stream cut short of a signed version, and a checkpoint signed with a key nobody trusts', async () => {
    const signed = await checkpoints('inventory', key, [headOf(asset)]);
    const untrusted = await checkpoints(
      'inventory',
      { kid: 'inv-9', privateKey: generateKeyPairSync('ed25519').privateKey },
      [headOf(other)],
    );
    const log = [...asset.slice(0, 2), ...signed];
    expect(await fold(log)).toEqual(await inMemory(log));
    expect((await fold(log)).checkpoints.broken).toEqual([
      expect.objectContaining({ problem: 'truncated', streamVersion: 4 }),
    ]);
    const refused = [...other, ...untrusted];
    expect(await fold(refused)).toEqual(await inMemory(refused));
    expect((await fold(refused)).checkpoints.broken).toEqual([expect.objectContaining({ problem: 'unknown-kid' })]);
  });

  it('reads the log a second time only when a passed version was asked about', async () => {
    const reads = async (events: EventEnvelope[]) => {
      let count = 0;
      await foldLog(() => {
        count += 1;
        return each(events);
      }, trusted);
      return count;
    };
    const signed = await checkpoints('inventory', key, [headOf(asset)]);
    expect(await reads([...asset, asset[3]!, ...signed])).toBe(1);
    expect(await reads([...asset, asset[1]!])).toBe(2);
    expect(await reads([...asset, ...other, ...(await checkpoints('inventory', key, [head(asset, 2)]))])).toBe(2);
  });

  it('over part of the log, leaves aside the signed heads of streams it does not read', async () => {
    const signed = await checkpoints('inventory', key, [headOf(asset), headOf(other)]);
    // Monitoring's filtered verification: one stream and the checkpoints; `other` is not read.
    const part = await foldLog(() => each([...asset, ...signed]), trusted, {
      read: (_producer, streamId) => streamId === 'asset-a1',
    });
    expect(part).toMatchObject({ broken: [], checkpoints: { checkpoints: 1, signedHeads: 2, broken: [] } });
    // Read whole, the same part says `other` is cut short of what was signed.
    expect((await fold([...asset, ...signed])).checkpoints.broken).toEqual([
      expect.objectContaining({ streamId: 'asset-b2', problem: 'truncated' }),
    ]);
  });

  it('differs on one point: a stream must arrive in version order, as Kafka keeps it per key', async () => {
    const log = [asset[0]!, asset[2]!, asset[1]!, asset[3]!];
    expect(verifyLog(log).broken).toEqual([]);
    expect((await fold(log)).broken).toEqual([
      expect.objectContaining({ streamVersion: 3, problem: 'version-gap', expected: '2', found: '3' }),
    ]);
  });
});

describe('the streaming verification fold in constant memory', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const STREAMS = 40;
  const PAYLOAD = { note: 'x'.repeat(400) };

  /**
   * A service's log generated lazily (nothing here keeps past events): `count` events spread over
   * the streams, a signed checkpoint of the moved heads every 500 events, and one relay retry
   * re-sending the newest event after each checkpoint. At its end the heap is measured, while
   * the fold still holds everything it retained.
   */
  async function* generated(count: number, measured: number[]) {
    const heads = new Map<string, EventEnvelope>();
    let moved = new Map<string, ChainHead>();
    let checkpoint: EventEnvelope | undefined;
    for (let i = 0; i < count; i++) {
      const streamId = `asset-${i % STREAMS}`;
      const e = sealedAfter(heads.get(streamId), { producer: 'inventory', streamId, payload: PAYLOAD });
      heads.set(streamId, e);
      moved.set(streamId, headOf([e]));
      yield e;
      if ((i + 1) % 500 === 0) {
        checkpoint = await checkpointAfter(checkpoint, 'inventory', key, [...moved.values()]);
        moved = new Map();
        yield checkpoint;
        yield e;
      }
    }
    gc();
    measured.push(process.memoryUsage().heapUsed);
  }

  it('retains the same state for a log twelve times longer, and the heap does not grow with it', async () => {
    const heap: number[] = [];
    const small = await foldLog(() => generated(5_000, heap), trusted);
    const large = await foldLog(() => generated(60_000, heap), trusted);
    expect(small).toMatchObject({ streams: STREAMS + 1, events: 5_010, redeliveries: 10, broken: [] });
    expect(large).toMatchObject({ streams: STREAMS + 1, events: 60_120, redeliveries: 120, broken: [] });
    expect(large.checkpoints).toMatchObject({ checkpoints: 120, broken: [] });
    expect(large.retained()).toBe(small.retained());
    // 55,000 more events of ~1 KB: a fold that kept them would hold over 50 MB more.
    expect(heap[1]! - heap[0]!).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
