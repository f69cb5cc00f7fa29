import type { DataSource } from 'typeorm';
import {
  applyStatements,
  Database,
  EventConsumer,
  openServiceDataSource,
  PlatformMetrics,
  PostgresEventStore,
  uuidv7,
} from '@upgrade-control/platform';
import { toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, type TestDatabase } from '../support/environment.js';
import { createTopic, readTopic, sendRaw, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';
import { StreamChains } from '../support/stream-chains.js';

/**
 * The consumer's batches (ADR 35): records already on the topic when the consumer starts are
 * fetched together, so a partition's run is applied in one transaction. Rows written in one
 * transaction share their xmin, which tells how many transactions applied them.
 */
describe('event consumer batches', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const chains = new StreamChains();
  const consumers: EventConsumer[] = [];

  const step = (streamId: string, type = 'StepCompleted'): EventEnvelope =>
    chains.seal({
      eventId: uuidv7(),
      type,
      schemaVersion: 1,
      streamId,
      occurredAt: '2026-11-26T10:00:00.000Z',
      producer: 'execution',
      correlationId: streamId,
      causationId: null,
      actor: { id: 'oscar', role: 'operator' },
      payload:
        type === 'StepFailed'
          ? { upgradeId: streamId, stepId: 'restart', operator: 'oscar', error: 'timed out', durationSeconds: 3 }
          : {
              upgradeId: streamId,
              stepId: 'restart',
              operator: 'oscar',
              outputSummary: 'ok',
              durationSeconds: 3,
              configurationChanges: [],
            },
    });

  type RawRecord = { key: string; value: string; headers?: Record<string, string> };
  /** A consumer (not started, no handlers yet) of a fresh one-partition topic that holds `records`. */
  async function consumerOf(name: string, records: RawRecord[], metrics?: PlatformMetrics) {
    const topic = await createTopic(name, 1);
    await testBus().ensureTopics([{ name: `${topic}.dlq`, partitions: 1, replicationFactor: 1 }]);
    await sendRaw(topic, records);
    const consumer = new EventConsumer(new Database(ds), testBus(), {
      groupId: name,
      topics: [topic],
      deadLetterTopic: `${topic}.dlq`,
      maxAttempts: 2,
      logger: testLogger(),
      metrics,
      backoff: () => 10,
    });
    consumers.push(consumer);
    return { topic, consumer };
  }

  /** A consumer of a fresh one-partition topic that holds `records` before it starts. */
  async function consume(name: string, records: RawRecord[]) {
    const metrics = new PlatformMetrics('test');
    const store = new PostgresEventStore(new Database(ds), 'monitoring');
    const { topic, consumer } = await consumerOf(name, records, metrics);
    consumer
      .on('StepCompleted', async (e, tx) => {
        await tx.query('INSERT INTO applied (consumer, event_id, stream_id, version) VALUES ($1, $2, $3, $4)', [
          name,
          e.eventId,
          e.streamId,
          e.streamVersion,
        ]);
      })
      // A reaction: its append must be its transaction's first write, so it is applied alone.
      .on('StepFailed', async (e, tx) => {
        await store.append(
          `reaction-${name}-${e.eventId}`,
          'no-stream',
          [
            {
              type: 'IncidentReported',
              payload: {
                upgradeId: e.correlationId,
                incidentId: 'slow-login',
                summary: 'logins slow',
                severity: 'minor',
                reportedBy: 'oscar',
              },
            },
          ],
          {
            correlationId: e.correlationId,
            causationId: e.eventId,
            actor: { id: 'monitoring', role: 'system' },
            now: new Date(),
          },
          tx,
        );
        await tx.query('INSERT INTO applied (consumer, event_id, stream_id, version) VALUES ($1, $2, $3, $4)', [
          name,
          e.eventId,
          e.streamId,
          e.streamVersion,
        ]);
      });
    await consumer.start();
    return { topic, metrics };
  }

  /**
   * A consumer whose handler gives its row as a statement (as the record log does), held back and
   * written merged by a batch (ADR 39); `merged` refuses rows of the stream `merged-refused`.
   */
  async function consumeStatements(name: string, events: EventEnvelope[]) {
    const { topic, consumer } = await consumerOf(
      name,
      events.map((e) => toKafkaRecord(e)),
    );
    consumer.on('StepCompleted', (e, tx) =>
      applyStatements(
        [
          {
            sql: 'INSERT INTO merged (consumer, event_id, stream_id, version) VALUES ($1, $2, $3, $4)',
            parameters: [name, e.eventId, e.streamId, e.streamVersion],
          },
        ],
        tx,
      ),
    );
    await consumer.start();
    return topic;
  }
  const merged = (name: string) =>
    ds.query<{ event_id: string; stream_id: string; version: number; statement: string }[]>(
      // xmin names the transaction that wrote a row, cmin the statement within it.
      `SELECT event_id::text, stream_id, version, xmin::text || '/' || cmin::text AS statement
         FROM merged WHERE consumer = $1 ORDER BY seq`,
      [name],
    );

  const applied = (name: string) =>
    ds.query<{ event_id: string; stream_id: string; version: number; tx: string }[]>(
      'SELECT event_id::text, stream_id, version, xmin::text AS tx FROM applied WHERE consumer = $1 ORDER BY seq',
      [name],
    );

  beforeAll(async () => {
    db = await freshDatabase('batch_consumer');
    ds = await openServiceDataSource(db.url);
    await ds.query(
      'CREATE TABLE applied (seq serial PRIMARY KEY, consumer text, event_id uuid, stream_id text, version int)',
    );
    await ds.query(
      `CREATE TABLE merged (seq serial PRIMARY KEY, consumer text, event_id uuid UNIQUE, stream_id text,
         version int CHECK (stream_id <> 'merged-refused'))`,
    );
  });
  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await ds.destroy();
    await db.drop();
  });

  it('applies the events around a poison one exactly once, in few transactions, and parks only the poison', async () => {
    const events = Array.from({ length: 20 }, (_, i) => step(`batch-up-${i % 4}`));
    const tampered = { ...step('batch-poison'), payload: { upgradeId: 'batch-poison', forged: true } };
    const records = events.map((e) => toKafkaRecord(e));
    // The poison in the middle, and the relay's at-least-once: an event sent twice in the same run.
    records.splice(10, 0, toKafkaRecord(tampered));
    records.splice(15, 0, records[14]!);
    const { topic } = await consume('batch-poison', records);

    await eventually(async () => (await applied('batch-poison')).length >= 20, 30_000, 'the twenty events applied');
    const rows = await applied('batch-poison');
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
    // One transaction before the poison, one after it (a fetch may split them further), never one each.
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThanOrEqual(4);
    const [inbox] = await ds.query('SELECT count(*)::int AS n FROM processed_events WHERE consumer = $1', [
      'batch-poison',
    ]);
    expect(inbox.n).toBe(20);
    const dead = await readTopic(`${topic}.dlq`, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({ dlq_reason: 'hash-mismatch', ce_id: tampered.eventId });
  });

  it('keeps each stream in order, and applies a reacting event alone with its append as first write', async () => {
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 30; i++) events.push(step(`order-up-${i % 3}`, i % 10 === 7 ? 'StepFailed' : 'StepCompleted'));
    const reactions = events.filter((e) => e.type === 'StepFailed');
    await consume(
      'batch-order',
      events.map((e) => toKafkaRecord(e)),
    );

    await eventually(async () => (await applied('batch-order')).length >= 30, 30_000, 'the thirty events applied');
    const rows = await applied('batch-order');
    expect(rows).toHaveLength(30);
    for (const stream of ['order-up-0', 'order-up-1', 'order-up-2']) {
      const versions = rows.filter((r) => r.stream_id === stream).map((r) => r.version);
      expect(versions).toEqual(events.filter((e) => e.streamId === stream).map((e) => e.streamVersion));
    }
    // Each reacting event in a transaction of its own, which no other event shares.
    for (const reaction of reactions) {
      const tx = rows.find((r) => r.event_id === reaction.eventId)!.tx;
      expect(rows.filter((r) => r.tx === tx)).toHaveLength(1);
    }
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(15);
    const appended = await ds.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'reaction-batch-order-%'",
    );
    expect(appended[0]!.n).toBe(reactions.length);
  });

  it("writes the handlers' statements of a run as one, each stream in order", async () => {
    const events = Array.from({ length: 30 }, (_, i) => step(`merged-up-${i % 3}`));
    await consumeStatements('merged-run', events);

    await eventually(async () => (await merged('merged-run')).length >= 30, 30_000, 'the thirty rows written');
    const rows = await merged('merged-run');
    expect(rows.map((r) => r.event_id)).toEqual(events.map((e) => e.eventId));
    // One INSERT for the run (a fetch may split it), not one per event.
    expect(new Set(rows.map((r) => r.statement)).size).toBeLessThanOrEqual(3);
  });

  it('applies every event around one whose held-back statement fails, and parks only that one', async () => {
    const events = Array.from({ length: 20 }, (_, i) => step(`merged-ok-${i % 4}`));
    const refused = step('merged-refused');
    const topic = await consumeStatements('merged-failure', [...events.slice(0, 10), refused, ...events.slice(10)]);

    await eventually(async () => (await merged('merged-failure')).length >= 20, 30_000, 'the twenty rows written');
    const dead = await readTopic(`${topic}.dlq`, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({ ce_id: refused.eventId });
    const rows = await merged('merged-failure');
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
  });
});
