import type { DataSource } from 'typeorm';
import {
  Database,
  OutboxRelay,
  openServiceDataSource,
  PostgresEventStore,
  type EventStore,
} from '@upgrade-control/platform';
import { fromKafkaRecord, sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, type TestDatabase } from '../support/environment.js';
import { createTopic, messageCount, readTopic, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';
import { actor, now, startRelayProcess } from './outbox-relay-fixture.js';

// A fallback poll longer than the test's timeout: only a commit signal can get these events out in time.
const NEVER_POLL_MS = 600_000;

describe('outbox relay on a fresh store', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: PostgresEventStore;
  const append = (streamId: string, manager?: Parameters<EventStore['append']>[4]) =>
    store.append(
      streamId,
      'no-stream',
      [{ type: 'AssetRetired', payload: { assetId: streamId, reason: 'woken' } }],
      { correlationId: streamId, causationId: null, actor, now },
      manager,
    );

  beforeEach(async () => {
    db = await freshDatabase('relay_wake');
    ds = await openServiceDataSource(db.url);
    store = new PostgresEventStore(new Database(ds), 'inventory');
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('publishes in transaction id order when the ids grow a digit (xid 9 before xid 10)', async () => {
    const topic = await createTopic('relay-xid-order');
    let prevHash: string | null = null;
    // Written as if by transactions 9, 10 and 11: only a superuser can choose tx_id like this.
    for (const [i, txId] of ['9', '10', '11'].entries()) {
      const event: EventEnvelope = sealEnvelope({
        eventId: `0190f0a0-0000-7000-8000-00000000000${i}`,
        type: 'AssetRetired',
        schemaVersion: 1,
        streamId: 'asset-xid',
        streamVersion: i + 1,
        occurredAt: now.toISOString(),
        producer: 'inventory',
        correlationId: 'asset-xid',
        causationId: null,
        actor,
        payload: { assetId: 'asset-xid', reason: `retired ${i + 1}` },
        prevHash,
      });
      prevHash = event.hash;
      await ds.query(
        `INSERT INTO events (tx_id, event_id, stream_id, stream_version, type, schema_version, occurred_at, producer,
           correlation_id, causation_id, actor, payload, prev_hash, hash)
         VALUES ($1::xid8, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          txId,
          event.eventId,
          event.streamId,
          event.streamVersion,
          event.type,
          event.schemaVersion,
          event.occurredAt,
          event.producer,
          event.correlationId,
          event.causationId,
          event.actor,
          event.payload,
          event.prevHash,
          event.hash,
        ],
      );
    }
    const relay = new OutboxRelay(testBus(), {
      name: 'xid-order',
      databaseUrl: db.url,
      topic,
      batchSize: 1,
      pollMs: 50,
      logger: testLogger(),
    });
    relay.start();
    try {
      await eventually(async () => (await messageCount(topic)) >= 3, 20_000, 'three events in Kafka');
    } finally {
      await relay.stop();
    }
    const versions = (await readTopic(topic, 3)).map((m) => {
      const parsed = fromKafkaRecord(m.value, m.headers);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.envelope.streamVersion;
    });
    expect(versions).toEqual([1, 2, 3]);
  });

  it('is woken by a commit in its own process, only once the enclosing transaction has committed', async () => {
    const topic = await createTopic('relay-wake-local');
    const relay = new OutboxRelay(testBus(), {
      name: 'local',
      databaseUrl: db.url,
      topic,
      batchSize: 100,
      pollMs: NEVER_POLL_MS,
      logger: testLogger(),
      commits: store.commits,
    });
    relay.start();
    try {
      await eventually(async () => relay.leader, 10_000, 'the relay to lead');
      await append('asset-on-its-own');
      await eventually(async () => (await messageCount(topic)) === 1, 20_000, 'the first event in Kafka');

      // Rung before COMMIT, the relay would find nothing and sleep through the fallback poll.
      await ds.transaction(async (tx) => {
        await append('asset-in-a-transaction', tx);
        await new Promise((r) => setTimeout(r, 300));
      });
      await eventually(async () => (await messageCount(topic)) === 2, 20_000, 'the second event in Kafka');
    } finally {
      await relay.stop();
    }
  }, 60_000);

  it('wakes the publishing relay in another process with a NOTIFY when none publishes here', async () => {
    const topic = await createTopic('relay-wake-remote');
    const remote = startRelayProcess(db, topic, 'remote', NEVER_POLL_MS);
    try {
      await eventually(
        async () =>
          (
            await ds.query(
              `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND d.datname = current_database()`,
            )
          ).length > 0,
        20_000,
        'the remote relay to lead',
      );
      await append('asset-remote');
      await eventually(async () => (await messageCount(topic)) === 1, 20_000, 'the event in Kafka');
    } finally {
      remote.kill('SIGTERM');
      await new Promise((resolve) => remote.once('exit', resolve));
    }
  }, 60_000);
});
