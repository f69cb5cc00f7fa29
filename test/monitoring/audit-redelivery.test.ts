import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { verifyTopics } from '../../apps/monitoring/src/cli/audit.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { eventually, kafkaBrokers, uniqueName } from '../support/environment.js';
import { sendRaw, testBus } from '../support/kafka.js';
import { listDeadLetters } from '@upgrade-control/platform';
import { draftPlanStream } from '../support/published-history.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Another event sealed in `original`'s place: same version and link, a valid hash of its own. */
const resealed = (original: EventEnvelope, changes: Partial<EventEnvelope>): EventEnvelope => {
  const { hash: _hash, ...unhashed } = { ...original, ...changes };
  return sealEnvelope(unhashed);
};

describe('audit verification under at-least-once delivery', () => {
  const prefix = `${uniqueName('audit')}.`;
  let monitoring: RunningService;
  const send = (events: EventEnvelope[]) =>
    sendRaw(
      monitoring.topic('planning'),
      events.map((e) => toKafkaRecord(e)),
    );
  const held = async (upgradeId: string) =>
    Number(
      (
        await monitoring.app
          .get(DataSource)
          .query('SELECT count(*) AS n FROM record_events WHERE upgrade_id = $1', [upgradeId])
      )[0].n,
    );

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: prefix,
    });
  });
  afterAll(() => monitoring.close());

  it('counts a relay retry’s re-sent records as redeliveries, and reports a tampered copy at the same version', async () => {
    const stream = draftPlanStream('dup-1');
    expect(stream.length).toBeGreaterThanOrEqual(3);
    // A relay that retried after a partial send: the same records reach the topic twice.
    await send(stream);
    await send(stream.slice(1, 3));

    const clean = await verifyTopics(kafkaBrokers(), prefix);
    expect(clean).toMatchObject({ ok: true, broken: [], redeliveries: 2, events: stream.length, unreadable: 0 });
    // Monitoring took each event once; its own verification agrees.
    await eventually(async () => (await held('dup-1')) === stream.length, 30_000, 'the log to hold the stream');
    expect((await monitoring.as('auditor').get('/audit/verify?upgradeId=dup-1').expect(200)).body).toMatchObject({
      ok: true,
      events: stream.length,
      broken: [],
    });

    // The same event id at the same version, with another payload and a valid hash of its own.
    const forged = resealed(stream[1]!, {
      occurredAt: '2026-12-01T00:00:30.000Z',
      actor: { id: 'mallory', role: 'planner' },
    });
    expect(forged.hash).not.toBe(stream[1]!.hash);
    await send([forged]);
    const tampered = await verifyTopics(kafkaBrokers(), prefix);
    expect(tampered).toMatchObject({
      ok: false,
      redeliveries: 2,
      broken: [
        {
          streamId: 'upgrade-dup-1',
          streamVersion: 2,
          eventId: stream[1]!.eventId,
          problem: 'conflicting-version',
          expected: `${stream[1]!.eventId} ${stream[1]!.hash}`,
          found: `${forged.eventId} ${forged.hash}`,
        },
      ],
    });
  });

  it('parks a second event claiming a stream version as a chain fork, keeps it out of the log, and takes a redelivery as nothing', async () => {
    const stream = draftPlanStream('dup-2');
    await send(stream);
    await send(stream);
    await eventually(async () => (await held('dup-2')) === stream.length, 30_000, 'the log to hold the stream');
    const rival = resealed(stream[2]!, { eventId: '0190f0a0-0000-7000-8000-00000000dead' });
    await send([rival]);
    // The consumer refuses it at the door (ADR 19): a security finding in the DLQ, not a row of the log.
    const dlq = monitoring.topic('monitoring').replace(/\.events$/, '.dlq');
    const parked = await eventually(
      async () => {
        const letters = await listDeadLetters({ bus: testBus(), topic: dlq, group: uniqueName('dlq-reader') });
        return letters.find((l) => l.eventId === rival.eventId);
      },
      30_000,
      'the rival parked',
    );
    expect(parked).toMatchObject({ reason: 'chain-fork', key: 'upgrade-dup-2' });
    expect(parked.error).toContain(`v3 is held as event ${stream[2]!.eventId} with hash ${stream[2]!.hash}`);
    // Nothing else was parked: the redelivered stream was no finding.
    const all = await listDeadLetters({ bus: testBus(), topic: dlq, group: uniqueName('dlq-reader') });
    expect(all.filter((l) => l.key === 'upgrade-dup-2')).toHaveLength(1);
    expect(await held('dup-2')).toBe(stream.length);
    expect((await monitoring.as('auditor').get('/audit/verify?upgradeId=dup-2').expect(200)).body).toMatchObject({
      ok: true,
      events: stream.length,
      broken: [],
    });
    // The auditor's replay of Kafka itself still names it.
    expect((await verifyTopics(kafkaBrokers(), prefix)).broken).toContainEqual(
      expect.objectContaining({ streamId: 'upgrade-dup-2', streamVersion: 3, problem: 'conflicting-version' }),
    );
  });
});
