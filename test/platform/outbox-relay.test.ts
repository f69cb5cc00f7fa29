import type { DataSource } from 'typeorm';
import {
  Database,
  EventConsumer,
  OutboxRelay,
  openServiceDataSource,
  PlatformMetrics,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { fromKafkaRecord } from '@upgrade-control/contracts';
import { eventually, freshDatabase, type TestDatabase } from '../support/environment.js';
import { createTopic, messageCount, readTopic, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';
import { appendMany, startRelayProcess } from './outbox-relay-fixture.js';

const STREAMS = 100;
const PER_STREAM = 100;

describe('outbox relay', () => {
  let source: TestDatabase;
  let downstream: TestDatabase;
  let sourceDs: DataSource;
  let downstreamDs: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    source = await freshDatabase('relay_src');
    downstream = await freshDatabase('relay_dst');
    sourceDs = await openServiceDataSource(source.url);
    downstreamDs = await openServiceDataSource(downstream.url);
    await downstreamDs.query(
      'CREATE TABLE applied (event_id uuid NOT NULL, stream_id text NOT NULL, stream_version int NOT NULL)',
    );
    store = new PostgresEventStore(new Database(sourceDs), 'inventory');
  });
  afterAll(async () => {
    await sourceDs.destroy();
    await downstreamDs.destroy();
    await source.drop();
    await downstream.drop();
  });

  it('delivers 10,000 events in per-key order; a relay killed halfway loses none and none applies twice', async () => {
    const topic = await createTopic('relay-kill');
    await appendMany(store, 'asset', STREAMS, PER_STREAM);

    const consumer = new EventConsumer(new Database(downstreamDs), testBus(), {
      groupId: 'downstream-projection',
      topics: [topic],
      deadLetterTopic: `${topic}.dlq`,
      maxAttempts: 3,
      logger: testLogger(),
    }).on('AssetRetired', async (event, tx) => {
      await tx.query('INSERT INTO applied VALUES ($1, $2, $3)', [event.eventId, event.streamId, event.streamVersion]);
    });
    await consumer.start();

    let relay = startRelayProcess(source, topic);
    const published = async () =>
      Number((await sourceDs.query('SELECT coalesce(sum(published), 0) AS n FROM relay_checkpoints'))[0].n);
    await eventually(async () => (await published()) >= 4000, 60_000, 'the relay to publish about half');
    relay.kill('SIGKILL');
    await new Promise((resolve) => relay.once('exit', resolve));
    const publishedBeforeKill = await published();
    expect(publishedBeforeKill).toBeLessThan(STREAMS * PER_STREAM);

    relay = startRelayProcess(source, topic);
    try {
      const count = async () => Number((await downstreamDs.query('SELECT count(*) AS n FROM applied'))[0].n);
      await eventually(async () => (await count()) >= STREAMS * PER_STREAM, 90_000, 'all events downstream');
      await new Promise((r) => setTimeout(r, 1000)); // let any re-sent duplicates arrive
      const [totals] = await downstreamDs.query(
        'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM applied',
      );
      expect(totals).toEqual({ n: STREAMS * PER_STREAM, distinct_ids: STREAMS * PER_STREAM });
    } finally {
      relay.kill('SIGTERM');
      await new Promise((resolve) => relay.once('exit', resolve));
      await consumer.stop();
    }

    const inKafka = await messageCount(topic);
    expect(inKafka).toBeGreaterThanOrEqual(STREAMS * PER_STREAM);
    const messages = await readTopic(topic, inKafka);
    const firstSeen = new Map<string, number[]>();
    const seenIds = new Set<string>();
    for (const message of messages) {
      const parsed = fromKafkaRecord(message.value, message.headers);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(message.key).toBe(parsed.envelope.streamId);
      if (seenIds.has(parsed.envelope.eventId)) continue;
      seenIds.add(parsed.envelope.eventId);
      firstSeen.set(parsed.envelope.streamId, [
        ...(firstSeen.get(parsed.envelope.streamId) ?? []),
        parsed.envelope.streamVersion,
      ]);
    }
    expect(seenIds.size).toBe(STREAMS * PER_STREAM);
    const inOrder = Array.from({ length: PER_STREAM }, (_, i) => i + 1);
    for (const versions of firstSeen.values()) expect(versions).toEqual(inOrder);
  }, 180_000);

  describe('two relays for the same service', () => {
    let topic: string;
    let first: OutboxRelay;
    let second: OutboxRelay;
    let total: number;

    beforeAll(async () => {
      topic = await createTopic('relay-pair');
      const make = () =>
        new OutboxRelay(testBus(), {
          name: 'pair',
          databaseUrl: source.url,
          topic,
          batchSize: 100,
          pollMs: 50,
          logger: testLogger(),
          metrics: new PlatformMetrics('test'),
        });
      [first, second] = [make(), make()];
      first.start();
      second.start();
    });
    afterAll(async () => {
      await Promise.all([first.stop(), second.stop()]);
    });

    it('publishes from one relay only', async () => {
      await eventually(async () => first.leader || second.leader, 10_000, 'a leader');
      await appendMany(store, 'pair', 5, 20);
      total = (await sourceDs.query('SELECT count(*)::int AS n FROM events'))[0].n as number;
      await eventually(async () => (await messageCount(topic)) >= total, 30_000, 'all events in Kafka');
      expect([first.leader, second.leader].filter(Boolean)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(await messageCount(topic)).toBe(total);
    }, 90_000);

    it('lets the standby take over when the active relay goes away', async () => {
      const [active, standby] = first.leader ? [first, second] : [second, first];
      await active.stop();
      await eventually(async () => standby.leader, 15_000, 'the standby to take over');
      await appendMany(store, 'takeover', 1, 5);
      await eventually(async () => (await messageCount(topic)) === total + 5, 30_000, 'events after takeover');
    }, 90_000);
  });
});
