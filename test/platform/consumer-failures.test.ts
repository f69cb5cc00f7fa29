import type { DataSource } from 'typeorm';
import {
  Database,
  dlqRedriveGroup,
  EventConsumer,
  listDeadLetters,
  openServiceDataSource,
  pendingDeadLetters,
  PlatformMetrics,
  redriveDeadLetters,
} from '@upgrade-control/platform';
import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';
import { createTopic, sendRaw, testBus } from '../support/kafka.js';
import { testLogger } from '../support/logger.js';
import { StreamChains } from '../support/stream-chains.js';

let sequence = 0;
function event(reason: string, extra: Partial<EventEnvelope> = {}): EventEnvelope {
  sequence += 1;
  return sealEnvelope({
    eventId: `0190f0a0-0000-7000-9000-${String(sequence).padStart(12, '0')}`,
    type: 'BackupVerificationFailed',
    schemaVersion: 1,
    streamId: `execution-${sequence}`,
    streamVersion: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    producer: 'execution',
    correlationId: 'upgrade-failures',
    causationId: null,
    actor: { id: 'oscar', role: 'operator' },
    payload: { upgradeId: 'upgrade-failures', backupId: 'nightly', reason },
    prevHash: null,
    ...extra,
  });
}

/** A record whose value is hand-written JSON, as a broken or hostile producer would send it. */
const rawEnvelope = (payloadJson: string) => {
  const e = event('placeholder');
  const { payload: _, ...rest } = e;
  return { key: 'upgrade-failures', value: JSON.stringify(rest).replace(/}$/, `,"payload":${payloadJson}}`) };
};

describe('consumer failure classes', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let topic: string;
  let dlq: string;
  let redrive: string;
  const group = uniqueName('failures');
  let consumer: EventConsumer;
  const metrics = new PlatformMetrics('test');
  /** How often each reason's handler ran, and how many more times it must fail. */
  const attempts = new Map<string, number>();
  const failFirst = new Map<string, { times: number; how: 'terminate' | 'bug' }>();

  const applied = async (reason: string) =>
    Number((await ds.query('SELECT count(*) AS n FROM applied WHERE reason = $1', [reason]))[0].n);
  const deadLetters = () => listDeadLetters({ bus: testBus(), topic: dlq, group: dlqRedriveGroup(group) });
  const reasonsInDlq = async () => (await deadLetters()).map((l) => l.reason);
  // The next message may sit on another partition and be applied before the poison is parked.
  const parked = (reason: string) =>
    eventually(async () => (await reasonsInDlq()).includes(reason), 20_000, `a dead letter "${reason}"`);

  beforeAll(async () => {
    db = await freshDatabase('failures');
    ds = await openServiceDataSource(db.url);
    await ds.query('CREATE TABLE applied (event_id uuid NOT NULL, reason text NOT NULL)');
    topic = await createTopic('failures');
    dlq = `${topic}.dlq`;
    redrive = `${topic}.redrive`;
    await testBus().ensureTopics([
      { name: dlq, partitions: 1, replicationFactor: 1 },
      { name: redrive, partitions: 1, replicationFactor: 1 },
    ]);
    consumer = new EventConsumer(new Database(ds), testBus(), {
      groupId: group,
      topics: [topic],
      deadLetterTopic: dlq,
      redriveTopic: redrive,
      maxAttempts: 2,
      logger: testLogger(),
      metrics,
      backoff: () => 20,
    }).on('BackupVerificationFailed', async (e, tx) => {
      const reason = String(e.payload.reason);
      attempts.set(reason, (attempts.get(reason) ?? 0) + 1);
      const failing = failFirst.get(reason);
      if (failing && failing.times > 0) {
        failing.times -= 1;
        // A real transient failure: the server ends this very connection mid-transaction.
        if (failing.how === 'terminate') await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
        throw new TypeError(`cannot read the backup of ${reason}`);
      }
      await tx.query('INSERT INTO applied (event_id, reason) VALUES ($1, $2)', [e.eventId, reason]);
    });
    metrics.dlqPending = () => pendingDeadLetters(testBus(), dlq, dlqRedriveGroup(group));
    await consumer.start();
  });
  afterAll(async () => {
    await consumer.stop();
    await ds.destroy();
    await db.drop();
  });

  it('retries a transient database failure past maxAttempts and never dead-letters it', async () => {
    failFirst.set('connection lost', { times: 5, how: 'terminate' });
    await sendRaw(topic, [toKafkaRecord(event('connection lost'))]);
    await eventually(
      async () => (await applied('connection lost')) === 1,
      30_000,
      'the event applied after 5 failures',
    );
    expect(attempts.get('connection lost')).toBe(6);
    expect(await reasonsInDlq()).toEqual([]);
  });

  it('dead-letters a message whose numbers overflow, naming it unhashable, and goes on', async () => {
    await sendRaw(topic, [
      rawEnvelope('{"upgradeId":"upgrade-failures","backupId":"nightly","reason":"x","size":1e400}'),
      toKafkaRecord(event('after overflow')),
    ]);
    await eventually(async () => (await applied('after overflow')) === 1, 20_000, 'the next message');
    await parked('unhashable');
  });

  it('dead-letters JSON nested deep enough to exhaust the stack, and goes on', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const before = (await deadLetters()).length;
    await sendRaw(topic, [
      rawEnvelope(`{"upgradeId":"upgrade-failures","backupId":"nightly","reason":"x","deep":${deep}}`),
      toKafkaRecord(event('after nesting')),
    ]);
    await eventually(async () => (await applied('after nesting')) === 1, 20_000, 'the next message');
    await eventually(async () => (await deadLetters()).length === before + 1, 20_000, 'the nested message parked');
  });

  it('dead-letters a known type at a schema version nothing here can read', async () => {
    await sendRaw(topic, [
      toKafkaRecord(event('from the future', { schemaVersion: 9 })),
      toKafkaRecord(event('after v9')),
    ]);
    await eventually(async () => (await applied('after v9')) === 1, 20_000, 'the next message');
    await parked('unknown-schema-version');
  });

  it('re-drives a dead letter once its handler is fixed, idempotently, and counts what is pending', async () => {
    failFirst.set('bug fixed later', { times: 2, how: 'bug' });
    await sendRaw(topic, [toKafkaRecord(event('bug fixed later')), toKafkaRecord(event('after bug'))]);
    await eventually(async () => (await applied('after bug')) === 1, 20_000, 'the next message');
    const letters = await deadLetters();
    expect(letters.find((l) => l.reason === 'handler-failed')).toMatchObject({
      error: 'cannot read the backup of bug fixed later',
      redriven: false,
    });
    expect((await metrics.dlqMessages.get()).values[0]!.value).toBe(letters.length);

    const sent = await redriveDeadLetters({ bus: testBus(), topic: dlq, group: dlqRedriveGroup(group) }, redrive);
    expect(sent).toHaveLength(letters.length);
    await eventually(async () => (await applied('bug fixed later')) === 1, 20_000, 'the re-driven event applied');
    // The poison is poison still: back in the DLQ, and pending again.
    await eventually(async () => (await deadLetters()).length === 2 * letters.length - 1, 20_000, 'poison back');
    expect((await metrics.dlqMessages.get()).values[0]!.value).toBe(letters.length - 1);

    // Everything again: the inbox makes a second application of the fixed event a no-op.
    await redriveDeadLetters({ bus: testBus(), topic: dlq, group: dlqRedriveGroup(group) }, redrive, {
      all: true,
      only: (l) => l.reason === 'handler-failed',
    });
    await eventually(
      async () => (await metrics.skipped.get()).values.find((v) => v.labels.reason === 'duplicate')?.value === 1,
      20_000,
      'the second re-drive consumed as a duplicate',
    );
    expect(await applied('bug fixed later')).toBe(1);
    expect(attempts.get('bug fixed later')).toBe(3);
  });

  /** One stream's events, chained as the producer's store seals them. */
  const chained = (events: { type?: string; reason: string }[]) => {
    const chains = new StreamChains();
    const streamId = uniqueName('execution-chain');
    return events.map(({ type, reason }) => {
      const { hash: _h, streamVersion: _v, prevHash: _p, ...fields } = event(reason);
      return chains.seal({ ...fields, type: type ?? 'BackupVerificationFailed', streamId });
    });
  };
  const findings = async (reason: string) =>
    (await metrics.securityFindings.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;

  it('chains through events it does not handle, and parks a fork of a held version as a security finding', async () => {
    const [first, unknown, third] = chained([
      { reason: 'chain start' },
      { type: 'QuantumUpgradeTeleported', reason: 'not for us' },
      { reason: 'after a skipped link' },
    ]);
    const rival = chained([{ reason: 'rival' }])[0]!;
    const { hash: _h, ...fork } = { ...rival, streamId: first!.streamId, streamVersion: 2, prevHash: first!.hash };
    const forked = sealEnvelope(fork);
    await sendRaw(
      topic,
      [first!, unknown!, third!, first!, forked].map((e) => toKafkaRecord(e)),
    );
    await eventually(
      async () => (await deadLetters()).some((l) => l.eventId === forked.eventId),
      20_000,
      'the fork parked',
    );
    expect(await applied('after a skipped link')).toBe(1);
    expect(await applied('chain start')).toBe(1);
    const letter = (await deadLetters()).find((l) => l.eventId === forked.eventId)!;
    expect(letter.reason).toBe('chain-fork');
    expect(letter.error).toContain(`v2 is held as event ${unknown!.eventId}`);
    expect((await deadLetters()).filter((l) => l.key === first!.streamId)).toHaveLength(1);
    expect(await findings('chain-fork')).toBe(1);
  });

  it('parks an event after a gap, takes the missing link, and applies the parked event when re-driven', async () => {
    const [first, second, third] = chained([{ reason: 'gap one' }, { reason: 'gap two' }, { reason: 'gap three' }]);
    await sendRaw(topic, [toKafkaRecord(first!), toKafkaRecord(third!)]);
    await eventually(
      async () => (await deadLetters()).some((l) => l.eventId === third!.eventId),
      20_000,
      'the event after the gap parked',
    );
    const parked = (await deadLetters()).find((l) => l.eventId === third!.eventId)!;
    expect(parked).toMatchObject({ reason: 'chain-gap', key: first!.streamId });
    expect(parked.error).toMatch(/the version jumps from v1 held to v3$/);
    expect(await findings('chain-gap')).toBe(1);
    expect([await applied('gap one'), await applied('gap three')]).toEqual([1, 0]);

    await sendRaw(topic, [toKafkaRecord(second!)]);
    await eventually(async () => (await applied('gap two')) === 1, 20_000, 'the missing link');
    await redriveDeadLetters({ bus: testBus(), topic: dlq, group: dlqRedriveGroup(group) }, redrive, {
      all: true,
      only: (l) => l.eventId === third!.eventId,
    });
    await eventually(async () => (await applied('gap three')) === 1, 20_000, 'the re-driven event applied');
    expect(await findings('chain-gap')).toBe(1);
  });
});
