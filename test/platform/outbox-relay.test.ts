import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import {
  Database,
  EventConsumer,
  OutboxRelay,
  openServiceDataSource,
  PlatformMetrics,
  PostgresEventStore,
  type EventStore,
} from '@upgrade-control/platform';
import { fromKafkaRecord, sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, kafkaBrokers, type TestDatabase } from '../support/environment.js';
import { createTopic, messageCount, readTopic, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';

const STREAMS = 100;
const PER_STREAM = 100;
const actor = { id: 'oscar', role: 'operator' as const };
const now = new Date('2026-11-25T10:00:00.000Z');

async function appendMany(
  store: EventStore,
  prefix: string,
  streams: number,
  perStream: number,
  chunk = 10,
): Promise<void> {
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      const streamId = `${prefix}-${s}`;
      for (let v = 0; v < perStream; v += chunk) {
        const events = Array.from({ length: Math.min(chunk, perStream - v) }, (_, i) => ({
          type: 'AssetRetired',
          payload: { assetId: streamId, reason: `retired ${v + i + 1}` },
        }));
        await store.append(streamId, v === 0 ? 'no-stream' : v, events, {
          correlationId: streamId,
          causationId: null,
          actor,
          now,
        });
      }
    }),
  );
}

function startRelayProcess(db: TestDatabase, topic: string, name = 'inventory', pollMs = 100): ChildProcess {
  const script = fileURLToPath(new URL('../support/relay-process.mjs', import.meta.url));
  return spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', script, db.url, topic, kafkaBrokers().join(','), name, String(pollMs)],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

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

  it('publishes from one relay only when two run for the same service', async () => {
    const topic = await createTopic('relay-pair');
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
    const [first, second] = [make(), make()];
    first.start();
    second.start();
    try {
      await eventually(async () => first.leader || second.leader, 10_000, 'a leader');
      await appendMany(store, 'pair', 5, 20);
      const total = (await sourceDs.query('SELECT count(*)::int AS n FROM events'))[0].n as number;
      await eventually(async () => (await messageCount(topic)) >= total, 30_000, 'all events in Kafka');
      expect([first.leader, second.leader].filter(Boolean)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(await messageCount(topic)).toBe(total);

      // The standby takes over when the active relay goes away.
      const [active, standby] = first.leader ? [first, second] : [second, first];
      await active.stop();
      await eventually(async () => standby.leader, 15_000, 'the standby to take over');
      await appendMany(store, 'takeover', 1, 5);
      await eventually(async () => (await messageCount(topic)) === total + 5, 30_000, 'events after takeover');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 90_000);
});

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
