import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  KafkaJsBus,
  OutboxRelay,
  openServiceDataSource,
  PlatformMetrics,
  rebaseRelaysAfterRestore,
} from '@upgrade-control/platform';
import { sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, type TestDatabase } from '../support/environment.js';
import { createTopic, messageCount, testBus } from '../support/kafka.js';
import { insertRawEvents } from '../support/raw-events.js';
import { testLogger } from '../support/logger.js';

let sequence = 0;
const retired = (streamId: string, reason: string, version = 1, prevHash: string | null = null): EventEnvelope => {
  sequence += 1;
  return sealEnvelope({
    eventId: `0190f0a0-0000-7000-a000-${String(sequence).padStart(12, '0')}`,
    type: 'AssetRetired',
    schemaVersion: 1,
    streamId,
    streamVersion: version,
    occurredAt: '2026-11-25T10:00:00.000Z',
    producer: 'inventory',
    correlationId: streamId,
    causationId: null,
    actor: { id: 'alice', role: 'planner' },
    payload: { assetId: streamId, reason },
    prevHash,
  });
};

describe('outbox relay under faults', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let topic: string;
  let relay: OutboxRelay;
  const metrics = new PlatformMetrics('test');
  const gauge = async (g: { get(): Promise<{ values: { value: number }[] }> }) => (await g.get()).values[0]?.value;
  const inKafka = (n: number) => async () => (await messageCount(topic)) >= n;

  beforeAll(async () => {
    db = await freshDatabase('relay_faults');
    ds = await openServiceDataSource(db.url);
    topic = await createTopic('relay-faults', 1);
    relay = new OutboxRelay(testBus(), {
      name: 'inventory',
      databaseUrl: db.url,
      topic,
      batchSize: 100,
      pollMs: 50,
      logger: testLogger(),
      metrics,
    });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await ds.destroy();
    await db.drop();
  });

  it('parks an event the broker refuses for good, names it, and publishes the ones behind it once', async () => {
    await insertRawEvents(ds, [retired('asset-big', 'x'.repeat(1_200_000))]);
    await insertRawEvents(ds, [retired('asset-after-big', 'behind the big one')]);
    await eventually(inKafka(1), 20_000, 'the event behind the parked one');
    const parked = await ds.query('SELECT stream_id, stream_version, reason FROM relay_parked_events');
    expect(parked).toEqual([{ stream_id: 'asset-big', stream_version: 1, reason: expect.any(String) }]);
    expect(await gauge(metrics.relayParked)).toBe(1);
    expect(relay.parked).toBe(1);
    // Nothing is re-sent in a loop behind the refused record: the topic holds the one event.
    await insertRawEvents(ds, [retired('asset-sentinel', 'sentinel')]);
    await eventually(inKafka(2), 20_000, 'the sentinel');
    expect(await messageCount(topic)).toBe(2);
  });

  it('splits a batch larger than the broker takes in one request', async () => {
    const before = await messageCount(topic);
    await insertRawEvents(
      ds,
      Array.from({ length: 30 }, (_, i) => retired(`asset-wide-${i}`, 'y'.repeat(100_000))),
    );
    await eventually(inKafka(before + 30), 30_000, 'all thirty 100 kB events');
    expect(Number((await ds.query('SELECT count(*) AS n FROM relay_parked_events'))[0].n)).toBe(1);
  });

  it('is not held back by a transaction left open in another database', async () => {
    const other = await freshDatabase('relay_bystander');
    const bystander = new pg.Client({ connectionString: other.url });
    await bystander.connect();
    try {
      await bystander.query('BEGIN');
      await bystander.query('SELECT pg_current_xact_id()'); // holds a transaction id, as a writer does
      const before = await messageCount(topic);
      await insertRawEvents(ds, [retired('asset-while-bystander', 'published anyway')]);
      await eventually(inKafka(before + 1), 10_000, 'the event while another database holds a transaction');
    } finally {
      await bystander.end();
      await other.drop();
    }
  });

  it('has its service sessions end a transaction left idle, so one cannot stall publishing for long', async () => {
    const [{ idle_in_transaction_session_timeout: timeout }] = await ds.query(
      'SHOW idle_in_transaction_session_timeout',
    );
    expect(timeout).toBe('1min');
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query("SET idle_in_transaction_session_timeout = '500ms'"); // the same setting, shortened
    await runner.startTransaction();
    await runner.query('SELECT pg_current_xact_id()');
    const before = await messageCount(topic);
    await insertRawEvents(ds, [retired('asset-behind-idle', 'held back, then published')]);
    await eventually(inKafka(before + 1), 20_000, 'the event once the idle transaction was ended');
    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await runner.release().catch(() => undefined);
  });

  it('re-bases after a restore into a cluster whose transaction ids are below the checkpoint', async () => {
    await relay.stop();
    // As a restore leaves it: the checkpoint far ahead of this cluster's transaction ids.
    await ds.query(
      `UPDATE relay_checkpoints SET tx_id = (pg_current_xact_id()::text::bigint + 1000000000)::text::xid8,
         system_id = 'another-cluster'`,
    );
    expect(await rebaseRelaysAfterRestore(ds)).toEqual(['inventory']);
    const before = await messageCount(topic);
    await insertRawEvents(ds, [retired('asset-after-restore', 'written in the new cluster')]);
    relay.start();
    await eventually(inKafka(before + 1), 20_000, 'the event written after the restore');
    const [checkpoint] = await ds.query('SELECT draining, floor_position > 0 AS floored FROM relay_checkpoints');
    expect(checkpoint).toEqual({ draining: false, floored: true });
  });

  it('reports its lag while the broker is unreachable', async () => {
    const lagDb = await freshDatabase('relay_lag');
    const lagDs = await openServiceDataSource(lagDb.url);
    const lagMetrics = new PlatformMetrics('test');
    const unreachable = new OutboxRelay(new KafkaJsBus({ clientId: 'nowhere', brokers: ['127.0.0.1:1'] }), {
      name: 'inventory',
      databaseUrl: lagDb.url,
      topic,
      batchSize: 100,
      pollMs: 50,
      logger: testLogger(),
      metrics: lagMetrics,
    });
    try {
      await insertRawEvents(lagDs, [retired('asset-stuck-1', 'waiting'), retired('asset-stuck-2', 'waiting')]);
      unreachable.start();
      await eventually(async () => (await gauge(lagMetrics.relayLag)) === 2, 20_000, 'a lag of 2');
    } finally {
      await unreachable.stop();
      await lagDs.destroy();
      await lagDb.drop();
    }
  });
});
