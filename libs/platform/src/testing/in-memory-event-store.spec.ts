import { verifyLog } from '@upgrade-control/contracts';
import { accept, illegalTransition, refuse, type Decider } from '../domain/index.js';
import { handleCommand } from '../event-store/command-handling.js';
import { ConcurrencyError } from '../event-store/concurrency-error.js';
import { ContractViolationError } from '../event-store/contract-violation.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

const context = {
  correlationId: 'upgrade-1',
  causationId: null,
  actor: { id: 'oscar', role: 'operator' as const },
  now: new Date('2026-11-25T10:00:00.000Z'),
};
const retired = (assetId: string, reason = 'replaced') => ({ type: 'AssetRetired', payload: { assetId, reason } });

describe('in-memory event store', () => {
  let store: InMemoryEventStore;
  beforeEach(() => (store = new InMemoryEventStore('inventory')));

  it('appends sealed, hash-chained events after the expected version', async () => {
    await store.append('asset-1', 'no-stream', [retired('asset-1')], context);
    const result = await store.append('asset-1', 1, [retired('asset-1', 'again')], context);
    expect(result.streamVersion).toBe(2);
    const stream = await store.readStream('asset-1');
    expect(stream.map((e) => [e.streamVersion, e.producer, e.correlationId])).toEqual([
      [1, 'inventory', 'upgrade-1'],
      [2, 'inventory', 'upgrade-1'],
    ]);
    expect(stream[1]!.prevHash).toBe(stream[0]!.hash);
    expect(verifyLog(store.all()).broken).toEqual([]);
  });

  it('refuses a stale expected version with a ConcurrencyError and writes nothing', async () => {
    await store.append('asset-1', 'no-stream', [retired('asset-1')], context);
    await expect(store.append('asset-1', 'no-stream', [retired('asset-1')], context)).rejects.toEqual(
      new ConcurrencyError('asset-1', 0, 1),
    );
    expect(store.stream('asset-1')).toHaveLength(1);
  });

  it('refuses an append chained to a head that is no longer the last event', async () => {
    const [first] = await store.given('asset-1', [retired('asset-1')]);
    await store.append('asset-1', 1, [retired('asset-1', 'second')], context);
    const stale = { version: 1, hash: first!.hash };
    await expect(store.append('asset-1', stale, [retired('asset-1')], context)).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('refuses an event that breaks its contract and writes nothing', async () => {
    const broken = { type: 'AssetRetired', payload: { assetId: 'asset-1' } };
    await expect(store.append('asset-1', 'any', [broken], context)).rejects.toBeInstanceOf(ContractViolationError);
    expect(store.all()).toEqual([]);
  });

  it('reads one upgrade across streams and the whole log in pages, in append order', async () => {
    await store.append('asset-1', 'any', [retired('asset-1')], context);
    await store.append('asset-2', 'any', [retired('asset-2')], { ...context, correlationId: 'upgrade-2' });
    await store.append('asset-3', 'any', [retired('asset-3')], context);
    expect((await store.readCorrelated('upgrade-1')).map((e) => e.streamId)).toEqual(['asset-1', 'asset-3']);
    const pages = [];
    for await (const page of store.readAll(2)) pages.push(page.map((e) => e.streamId));
    expect(pages).toEqual([['asset-1', 'asset-2'], ['asset-3']]);
  });

  it('runs handleCommand: decides on history appended by someone else, then refuses on the new state', async () => {
    type Retire = { type: 'Retire'; reason: string };
    type Retired = { type: 'AssetRetired'; payload: { assetId: string; reason: string } };
    const retirement: Decider<Retire, Retired, boolean> = {
      initialState: () => false,
      evolve: () => true,
      decide: (command, isRetired) =>
        isRetired
          ? refuse(illegalTransition('retired', command.type))
          : accept({ type: 'AssetRetired', payload: { assetId: 'asset-1', reason: command.reason } }),
    };
    const retire = { type: 'Retire', reason: 'end of life' } as const;
    expect(await handleCommand(store, retirement, 'asset-1', retire, context)).toMatchObject({ streamVersion: 1 });
    await store.given('asset-2', [retired('asset-2')]);
    expect(await handleCommand(store, retirement, 'asset-2', retire, context)).toMatchObject({
      ok: false,
      error: { kind: 'illegal-transition' },
    });
    expect(store.stream('asset-2')).toHaveLength(1);
  });
});
