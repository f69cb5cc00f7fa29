import type { DataSource } from 'typeorm';
import { Database, EventConsumer, openServiceDataSource, PlatformMetrics } from '@upgrade-control/platform';
import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, type TestDatabase } from '../support/environment.js';
import { createTopic, readTopic, sendRaw, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';

const KEY = 'upgrade-consumer-test';
let sequence = 0;

function event(type: string, payload: Record<string, unknown>): EventEnvelope {
  sequence += 1;
  return sealEnvelope({
    eventId: `0190f0a0-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId: `stream-${sequence}`,
    streamVersion: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    producer: 'execution',
    correlationId: KEY,
    causationId: null,
    actor: { id: 'oscar', role: 'operator' },
    payload,
    prevHash: null,
  });
}
const backupFailed = (reason: string) =>
  event('BackupVerificationFailed', { upgradeId: KEY, backupId: 'nightly', reason });

describe('event consumer', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let topic: string;
  let consumer: EventConsumer;
  const metrics = new PlatformMetrics('test');

  const reasons = async (): Promise<string[]> =>
    (await ds.query('SELECT reason FROM projection ORDER BY seq')).map((r: { reason: string }) => r.reason);
  const applied = (reason: string) => async () => (await reasons()).includes(reason);
  const counter = async (
    c: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> },
    label: string,
  ) => (await c.get()).values.find((v) => Object.values(v.labels).includes(label))?.value ?? 0;

  beforeAll(async () => {
    db = await freshDatabase('consumer');
    ds = await openServiceDataSource(db.url);
    await ds.query('CREATE TABLE projection (seq serial PRIMARY KEY, event_id uuid NOT NULL, reason text NOT NULL)');
    topic = await createTopic('consumer');
    consumer = new EventConsumer(new Database(ds), testBus(), {
      groupId: 'consumer-test',
      topics: [topic],
      deadLetterTopic: `${topic}.dlq`,
      maxAttempts: 2,
      logger: testLogger(),
      metrics,
      backoff: () => 10,
    }).on('BackupVerificationFailed', async (e, tx) => {
      if (e.payload.reason === 'handler explodes') throw new Error('restore target unreachable');
      await tx.query('INSERT INTO projection (event_id, reason) VALUES ($1, $2)', [e.eventId, e.payload.reason]);
    });
    await testBus().ensureTopics([{ name: `${topic}.dlq`, partitions: 1, replicationFactor: 1 }]);
    await consumer.start();
  });
  afterAll(async () => {
    await consumer.stop();
    await ds.destroy();
    await db.drop();
  });

  it('applies a redelivered event once', async () => {
    const once = backupFailed('checksum mismatch');
    const record = toKafkaRecord(once);
    await sendRaw(topic, [record, record]);
    // Both copies share a key, so a partition: once the second is skipped, the first took effect.
    await eventually(async () => (await counter(metrics.skipped, 'duplicate')) >= 1, 20_000, 'the second copy');
    expect(await reasons()).toEqual(['checksum mismatch']);
  });

  it('dead-letters a poison message with the error and goes on with the next one', async () => {
    await sendRaw(topic, [
      { key: KEY, value: '{"this is": "not an event"' },
      toKafkaRecord(backupFailed('after poison')),
    ]);
    await eventually(applied('after poison'), 20_000, 'the message after the poison');
    const [dead] = await readTopic(`${topic}.dlq`, 1);
    expect(dead!.value).toBe('{"this is": "not an event"');
    expect(dead!.headers).toMatchObject({
      dlq_reason: 'invalid-envelope',
      dlq_source_topic: topic,
      dlq_consumer_group: 'consumer-test',
    });
    expect(dead!.headers.dlq_error).toContain('not JSON');
  });

  it('dead-letters an event whose handler keeps failing, after the configured attempts', async () => {
    const failing = backupFailed('handler explodes');
    await sendRaw(topic, [toKafkaRecord(failing), toKafkaRecord(backupFailed('after failure'))]);
    await eventually(applied('after failure'), 20_000, 'the message after the failing one');
    const dead = await readTopic(`${topic}.dlq`, 2);
    expect(dead[1]!.headers).toMatchObject({
      dlq_reason: 'handler-failed',
      dlq_error: 'restore target unreachable',
      ce_id: failing.eventId,
    });
    expect(await reasons()).not.toContain('handler explodes');
  });

  it('dead-letters a tampered event and skips unknown event types', async () => {
    const tampered = {
      ...backupFailed('original'),
      payload: { upgradeId: KEY, backupId: 'nightly', reason: 'forged' },
    };
    const future = event('QuantumUpgradeTeleported', { upgradeId: KEY });
    const skippedBefore = await counter(metrics.skipped, 'unknown-type');
    await sendRaw(topic, [toKafkaRecord(tampered), toKafkaRecord(future), toKafkaRecord(backupFailed('sentinel 2'))]);
    await eventually(applied('sentinel 2'), 20_000, 'the sentinel');
    expect(await reasons()).not.toContain('forged');
    // Each event is a stream of its own, so a partition of its own maybe: the skip is awaited too.
    await eventually(
      async () => (await counter(metrics.skipped, 'unknown-type')) === skippedBefore + 1,
      20_000,
      'the unknown type skipped',
    );
    const dead = await readTopic(`${topic}.dlq`, 3);
    expect(dead.map((d) => d.headers.dlq_reason)).toEqual(['invalid-envelope', 'handler-failed', 'hash-mismatch']);
  });
});
