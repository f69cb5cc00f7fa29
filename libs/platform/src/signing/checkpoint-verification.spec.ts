import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { chain, checkpoints, headOf, withoutHash } from '../testing/signed-log.js';
import { verifyCheckpoints } from './checkpoint-verification.js';
import type { SigningKey, TrustedKeys } from './signing-keys.js';

/** What a database administrator writes: the same stream with other content and recomputed hashes. */
const rewritten = (events: EventEnvelope[], payload: Record<string, unknown>) =>
  chain(
    events[0]!.producer,
    events[0]!.streamId,
    events.map(() => payload),
  );

describe('verifying a log against signed checkpoints', () => {
  const pair = generateKeyPairSync('ed25519');
  const key: SigningKey = { kid: 'inv-1', privateKey: pair.privateKey };
  const trusted: TrustedKeys = new Map([['inventory', new Map<string, KeyObject>([['inv-1', pair.publicKey]])]]);
  const asset = chain('inventory', 'asset-a1', [{ n: 1 }, { n: 2 }, { n: 3 }]);

  it('finds nothing wrong with the history that was signed, redelivered copies included', async () => {
    const signed = await checkpoints('inventory', key, [headOf(asset)]);
    const log = [...asset, ...signed, ...asset.slice(1), ...signed];
    expect(await verifyCheckpoints(log, trusted)).toEqual({ checkpoints: 1, signedHeads: 1, broken: [] });
  });

  it('names a whole stream rewritten with recomputed hashes, though its own chain is consistent', async () => {
    const signed = await checkpoints('inventory', key, [headOf(asset)]);
    const forged = rewritten(asset, { n: 0 });
    const result = await verifyCheckpoints([...forged, ...signed], trusted);
    expect(result.broken).toEqual([
      {
        producer: 'inventory',
        streamId: 'asset-a1',
        streamVersion: 3,
        problem: 'rewritten',
        detail: `checkpoint 1 of inventory signed version 3 with hash ${asset[2]!.hash}, but it holds ${forged[2]!.hash}`,
      },
    ]);
  });

  it('names a stream cut short below a signed version', async () => {
    const signed = await checkpoints('inventory', key, [headOf(asset)]);
    const result = await verifyCheckpoints([...asset.slice(0, 2), ...signed], trusted);
    expect(result.broken).toMatchObject([{ streamId: 'asset-a1', streamVersion: 3, problem: 'truncated' }]);
  });

  it('still names a rewrite that a later checkpoint signed over, by the earlier checkpoint', async () => {
    const forged = chain('inventory', 'asset-a1', [{ n: 0 }, { n: 0 }, { n: 0 }, { n: 4 }]);
    const signed = await checkpoints('inventory', key, [headOf(asset)], [headOf(forged)]);
    const result = await verifyCheckpoints([...forged, ...signed], trusted);
    expect(result).toMatchObject({ checkpoints: 2, broken: [{ streamVersion: 3, problem: 'rewritten' }] });
  });

  it('refuses a checkpoint signed by a key not trusted for its producer, or under an unknown kid', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const wrongKey = await checkpoints('inventory', { kid: 'inv-1', privateKey: other }, [headOf(asset)]);
    expect((await verifyCheckpoints([...asset, ...wrongKey], trusted)).broken).toEqual([
      {
        producer: 'inventory',
        streamId: 'checkpoint-inventory',
        streamVersion: 1,
        problem: 'bad-signature',
        detail: 'inventory checkpoint: the signature does not verify with key "inv-1"',
      },
    ]);
    const unknown = await checkpoints('inventory', { kid: 'inv-9', privateKey: other }, [headOf(asset)]);
    expect((await verifyCheckpoints([...asset, ...unknown], trusted)).broken).toMatchObject([
      { problem: 'unknown-kid', detail: 'inventory checkpoint: no trusted public key has kid "inv-9"' },
    ]);
    // Inventory's key does not vouch for planning.
    const planning = chain('planning', 'upgrade-u1', [{ n: 1 }]);
    const asPlanning = await checkpoints('planning', key, [headOf(planning)]);
    expect((await verifyCheckpoints([...planning, ...asPlanning], trusted)).broken).toMatchObject([
      { producer: 'planning', problem: 'unknown-kid' },
    ]);
  });

  it('refuses a signed checkpoint moved to another version (an earlier one removed)', async () => {
    const [, second] = await checkpoints('inventory', key, [headOf(asset)], [headOf(asset)]);
    // The administrator deletes checkpoint 1 and re-chains checkpoint 2 as version 1.
    const moved = sealEnvelope({ ...withoutHash(second!), streamVersion: 1, prevHash: null });
    expect((await verifyCheckpoints([...asset, moved], trusted)).broken).toMatchObject([
      { streamId: 'checkpoint-inventory', streamVersion: 1, problem: 'invalid-checkpoint' },
    ]);
  });
});
