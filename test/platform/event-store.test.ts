import type { DataSource } from 'typeorm';
import {
  ConcurrencyError,
  Database,
  openServiceDataSource,
  PostgresEventStore,
  verifyEventStore,
} from '@upgrade-control/platform';
import { sealEnvelope } from '@upgrade-control/contracts';
import { freshDatabase, type TestDatabase } from '../support/environment.js';

const context = {
  correlationId: 'upgrade-pg16',
  causationId: null,
  actor: { id: 'alice', role: 'planner' as const },
  now: new Date('2026-11-25T10:00:00.000Z'),
};
const retired = (reason: string) => ({ type: 'AssetRetired', payload: { assetId: 'db-1', reason } });

describe('PostgreSQL event store', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await freshDatabase('store');
    dataSource = await openServiceDataSource(db.url);
    store = new PostgresEventStore(new Database(dataSource), 'inventory');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('lets exactly one of two concurrent appends at the same expected version win', async () => {
    await store.append('asset-race', 'no-stream', [retired('first')], context);
    const results = await Promise.allSettled([
      store.append('asset-race', 1, [retired('writer A')], context),
      store.append('asset-race', 1, [retired('writer B')], context),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('asset-race')).toHaveLength(2);
  });

  it('refuses a stale expected version before writing', async () => {
    await store.append('asset-stale', 'no-stream', [retired('one'), retired('two')], context);
    await expect(store.append('asset-stale', 1, [retired('late')], context)).rejects.toThrow(
      'stream asset-stale is at version 2, expected 1',
    );
    expect(await store.readStream('asset-stale')).toHaveLength(2);
  });

  it('appends after the head the caller read in one statement, and refuses a head that moved on', async () => {
    const { events } = await store.append('asset-head', 'no-stream', [retired('one')], context);
    const head = { version: 1, hash: events[0]!.hash };
    const second = await store.append('asset-head', head, [retired('two')], context);
    expect(second.events[0]!.prevHash).toBe(head.hash);
    await expect(store.append('asset-head', head, [retired('late')], context)).rejects.toThrow(
      'stream asset-head is at version 2, expected 1',
    );
    expect((await store.readStream('asset-head')).map((e) => e.payload.reason)).toEqual(['one', 'two']);
  });

  it('refuses to chain events to a hash that is not the stream head', async () => {
    await store.append('asset-forged', 'no-stream', [retired('one')], context);
    await expect(
      store.append('asset-forged', { version: 1, hash: 'f'.repeat(64) }, [retired('forged')], context),
    ).rejects.toThrow('stream asset-forged does not end in the event this append was chained to (version 1)');
    expect(await store.readStream('asset-forged')).toHaveLength(1);
    expect((await verifyEventStore(store)).broken).toEqual([]);
  });

  it('writes an event and its read-model rows together, and none when the append is refused', async () => {
    await dataSource.query('CREATE TABLE retirements (event_id uuid PRIMARY KEY, asset_id text, reason text)');
    await dataSource.query('CREATE TABLE retirement_counts (asset_id text PRIMARY KEY, n int NOT NULL)');
    const projecting = new PostgresEventStore(new Database(dataSource), 'inventory');
    projecting.addStatementProjection((event) => [
      {
        sql: 'INSERT INTO retirements VALUES ($1, $2, $3)',
        parameters: [event.eventId, event.streamId, event.payload.reason],
      },
      {
        sql: 'INSERT INTO retirement_counts VALUES ($1, 1) ON CONFLICT (asset_id) DO UPDATE SET n = retirement_counts.n + 1',
        parameters: [event.streamId],
      },
    ]);
    const rows = () => dataSource.query('SELECT asset_id, reason FROM retirements ORDER BY reason');
    const first = await projecting.append('asset-projected', 'no-stream', [retired('one')], context);
    const head = { version: 1, hash: first.events[0]!.hash };
    await projecting.append('asset-projected', head, [retired('two')], context);
    await expect(projecting.append('asset-projected', head, [retired('stale')], context)).rejects.toThrow(
      ConcurrencyError,
    );
    await expect(
      projecting.append('asset-projected', { version: 2, hash: '0'.repeat(64) }, [retired('forged')], context),
    ).rejects.toThrow(ConcurrencyError);
    await projecting.append('asset-projected', 2, [retired('three'), retired('four')], context);
    expect(await rows()).toEqual(
      ['four', 'one', 'three', 'two'].map((reason) => ({ asset_id: 'asset-projected', reason })),
    );
    expect(await dataSource.query('SELECT asset_id, n FROM retirement_counts')).toEqual([
      { asset_id: 'asset-projected', n: 4 },
    ]);
    expect(await projecting.readStream('asset-projected')).toHaveLength(4);
  });

  it('chains each event to the previous hash and assigns UUIDv7 ids', async () => {
    const { events } = await store.append('asset-chain', 'no-stream', [retired('a'), retired('b')], context);
    expect(events[0]!.prevHash).toBeNull();
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[0]!.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(await store.readStreamRaw('asset-chain')).toEqual(events);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await store.append('asset-immutable', 'no-stream', [retired('kept')], context);
    await expect(
      dataSource.query(`UPDATE events SET payload = '{}' WHERE stream_id = 'asset-immutable'`),
    ).rejects.toThrow('events are append-only: UPDATE refused');
    await expect(dataSource.query(`DELETE FROM events WHERE stream_id = 'asset-immutable'`)).rejects.toThrow(
      'events are append-only: DELETE refused',
    );
    await expect(dataSource.query('TRUNCATE events')).rejects.toThrow('events are append-only: TRUNCATE refused');
    expect((await store.readStream('asset-immutable'))[0]!.payload).toEqual({ assetId: 'db-1', reason: 'kept' });
  });

  it('finds a tampered row and names its stream and version', async () => {
    await store.append('asset-tampered', 'no-stream', [retired('one'), retired('two'), retired('three')], context);
    expect((await verifyEventStore(store)).broken).toEqual([]);
    // Only someone bypassing the triggers (a superuser) can do this; the chain still tells.
    await dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `UPDATE events SET payload = jsonb_set(payload, '{reason}', '"forged"') WHERE stream_id = 'asset-tampered' AND stream_version = 2`,
      );
    });
    const report = await verifyEventStore(store);
    expect(report.broken).toEqual([
      expect.objectContaining({ streamId: 'asset-tampered', streamVersion: 2, problem: 'hash-mismatch' }),
    ]);
  });

  it('upcasts a stored v1 event to v2 on load, keeping the stored form verifiable', async () => {
    const v1 = sealEnvelope({
      eventId: '0190f0a0-0000-7000-8000-0000000000aa',
      type: 'AssetRegistered',
      schemaVersion: 1,
      streamId: 'asset-legacy',
      streamVersion: 1,
      occurredAt: '2025-01-10T08:00:00.000Z',
      producer: 'inventory',
      correlationId: 'asset-legacy',
      causationId: null,
      actor: { id: 'alice', role: 'planner' },
      prevHash: null,
      payload: {
        assetId: 'legacy',
        name: 'Reporting',
        kind: 'application',
        product: 'reportly',
        version: '4.2',
        location: 'hamburg/app-2',
        attributes: {},
        criticality: 'medium',
        owner: 'bi-team',
        businessProcesses: ['monthly-reporting'],
        userGroups: ['finance'],
        peakPeriods: [],
        expiresOn: null,
      },
    });
    await dataSource.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id,
         causation_id, actor, payload, prev_hash, hash) VALUES ($1,$2,1,$3,1,$4,'inventory',$5,NULL,$6,$7,NULL,$8)`,
      [v1.eventId, v1.streamId, v1.type, v1.occurredAt, v1.correlationId, v1.actor, v1.payload, v1.hash],
    );
    const [loaded] = await store.readStream('asset-legacy');
    expect(loaded).toMatchObject({ schemaVersion: 2, payload: { site: 'hamburg', node: 'app-2' } });
    expect((await store.readStreamRaw('asset-legacy'))[0]).toEqual(v1);
    expect((await verifyEventStore(store)).broken.filter((b) => b.streamId === 'asset-legacy')).toEqual([]);
  });
});
