import type { DataSource } from 'typeorm';
import {
  Database,
  ensureDatabase,
  OutboxRelay,
  openServiceDataSource,
  PostgresEventStore,
  type EventStore,
} from '@upgrade-control/platform';
import { fromKafkaRecord } from '@upgrade-control/contracts';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';
import { createTopic, messageCount, readTopic, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';
import { dumpAndRestore, startScratchCluster, type ScratchCluster } from '../support/scratch-cluster.js';

const context = {
  correlationId: 'restore',
  causationId: null,
  actor: { id: 'alice', role: 'planner' as const },
  now: new Date(),
};
const retire = (store: EventStore, assetId: string) =>
  store.append(assetId, 'no-stream', [{ type: 'AssetRetired', payload: { assetId, reason: 'moved' } }], context);

const relayFor = (url: string, topic: string) =>
  new OutboxRelay(testBus(), {
    name: 'inventory',
    databaseUrl: url,
    topic,
    batchSize: 100,
    pollMs: 50,
    logger: testLogger(),
  });

describe('outbox relay after a dump and restore into another cluster', () => {
  let original: TestDatabase;
  let cluster: ScratchCluster;
  const opened: DataSource[] = [];

  beforeAll(async () => {
    original = await freshDatabase('relay_restore');
    cluster = await startScratchCluster();
  });
  afterAll(async () => {
    await Promise.all(opened.map((ds) => ds.destroy()));
    await cluster.stop();
    await original.drop();
  });

  it('publishes what the old cluster had not, then what the new one writes', async () => {
    const topic = await createTopic('relay-restore', 1);
    const before = await openServiceDataSource(original.url);
    opened.push(before);
    const oldStore = new PostgresEventStore(new Database(before), 'inventory');
    let relay = relayFor(original.url, topic);
    relay.start();
    await retire(oldStore, 'asset-published-before');
    await eventually(async () => (await messageCount(topic)) === 1, 20_000, 'the first event');
    await relay.stop();
    await retire(oldStore, 'asset-unpublished-at-dump');

    const restoredUrl = `${cluster.url}/${uniqueName('restored')}`;
    await ensureDatabase(restoredUrl);
    await dumpAndRestore(original.url, restoredUrl);
    const after = await openServiceDataSource(restoredUrl); // re-bases at start
    opened.push(after);
    const [checkpoint] = await after.query('SELECT draining, floor_position::int AS floor FROM relay_checkpoints');
    expect(checkpoint).toEqual({ draining: true, floor: 2 });

    await retire(new PostgresEventStore(new Database(after), 'inventory'), 'asset-written-after-restore');
    relay = relayFor(restoredUrl, topic);
    relay.start();
    try {
      await eventually(async () => (await messageCount(topic)) >= 3, 20_000, 'both events after the restore');
    } finally {
      await relay.stop();
    }
    const streams = (await readTopic(topic, 3)).map((m) => {
      const parsed = fromKafkaRecord(m.value, m.headers);
      return parsed.ok ? parsed.envelope.streamId : parsed.error;
    });
    expect(streams).toEqual(['asset-published-before', 'asset-unpublished-at-dump', 'asset-written-after-restore']);
    expect(await messageCount(topic)).toBe(3);
  });
});
