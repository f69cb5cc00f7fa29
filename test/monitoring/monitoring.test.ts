import { toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { replayLog } from '../../apps/monitoring/src/cli/audit.js';
import { compileRecord, recordHash } from '../../apps/monitoring/src/domain/upgrade-record.js';
import {
  approve,
  beforeNotice,
  draftCommands,
  history as planningHistory,
  ready,
  scheduleWindow,
  submit,
} from '../support/fixtures/upgrade-plan.js';
import { applied, started, taken, verified, plan as readyPlan } from '../support/fixtures/execution.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { eventually, kafkaBrokers, uniqueName } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { publishedStream } from '../support/published-history.js';
import { startService, type RunningService } from '../support/service-app.js';

let now = new Date('2027-01-17T02:00:00Z');
const clock = () => now;
const prefix = `${uniqueName('mon')}.`;

/** A finished upgrade as planning and execution published it: real deciders, sealed in chains. */
function finishedUpgrade(upgradeId: string) {
  // The fixture plan, with the metric triggers monitoring watches.
  const draft = draftCommands.map((c) =>
    c.type === 'ProposeUpgrade'
      ? { ...c, upgradeId }
      : c.type === 'PlanRollback'
        ? { ...c, triggers: readyPlan.rollback.triggers }
        : c,
  );
  const planningEvents = planningHistory([
    ...draft,
    submit,
    approve('bob'),
    scheduleWindow({
      startsAt: '2027-01-16T20:00:00Z',
      endsAt: '2027-01-17T02:00:00Z',
      now: new Date('2026-12-01T00:00:00Z'),
    }),
    beforeNotice,
    ready,
  ]);
  const plan = planningEvents.at(-1)!.payload as ReadyPlan;
  const backupId = plan.backups[0]!.backupId;
  const executionEvents = [
    { type: 'ExecutionStarted', payload: { ...started.payload, upgradeId, plan } },
    { type: 'BackupTaken', payload: { ...taken.payload, upgradeId, backupId } },
    { type: 'BackupVerified', payload: { ...verified.payload, upgradeId, backupId } },
    { type: 'UpgradeApplied', payload: { ...applied.payload, upgradeId } },
    ...plan.acceptanceCriteria
      .filter((c) => c.core)
      .map((c) => ({
        type: 'AcceptanceCheckRecorded',
        payload: { upgradeId, criterionId: c.criterionId, outcome: 'passed', evidence: 'ok', checkedBy: 'oscar' },
      })),
    {
      type: 'AcceptancePassed',
      payload: {
        upgradeId,
        passedCriteria: plan.acceptanceCriteria.filter((c) => c.core).map((c) => c.criterionId),
        monitoringMinutes: 60,
      },
    },
    {
      type: 'ExecutionCompleted',
      payload: { upgradeId, completedAt: '2027-01-16T23:00:00.000Z', afterNoticeDue: true },
    },
  ];
  return {
    planningEvents,
    planning: publishedStream(
      'planning',
      `upgrade-${upgradeId}`,
      upgradeId,
      planningEvents,
      new Date('2026-12-01T00:00:00Z'),
    ),
    execution: publishedStream(
      'execution',
      `execution-${upgradeId}`,
      upgradeId,
      executionEvents,
      new Date('2027-01-16T21:00:00Z'),
      { id: 'oscar', role: 'operator' },
    ),
  };
}

describe('monitoring service', () => {
  let monitoring: RunningService;
  let data: DataSource;
  const publish = (service: 'planning' | 'execution', events: EventEnvelope[]) =>
    sendRaw(
      monitoring.topic(service),
      events.map((e) => toKafkaRecord(e)),
    );
  const types = async (upgradeId: string) =>
    (await monitoring.store.readStream(`monitoring-${upgradeId}`)).map((e) => e.type);
  const samples = (assetId: string, metric: string, from: Date, minutes: number, value: (i: number) => number) =>
    Array.from({ length: minutes }, (_, i) => ({
      assetId,
      metric,
      timestamp: new Date(from.getTime() + i * 60_000).toISOString(),
      value: value(i),
    }));

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env, clock), {
      KAFKA_TOPIC_PREFIX: prefix,
      DETECTOR_INTERVAL_MS: '100',
      MONITORING_EXTENSION_MINUTES: '30',
    });
    data = monitoring.app.get(DataSource);
  });
  afterAll(() => monitoring.close());

  it('keeps the good samples of a mixed batch and reports each bad one', async () => {
    const { body } = await monitoring
      .as('observer')
      .post('/metrics')
      .send({
        samples: [
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:00:00Z', value: 41.5 },
          { assetId: 'orders-db', metric: 'CPU!', timestamp: '2027-01-10T10:00:00Z', value: 1 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: 'yesterday', value: 1 },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:01:00Z', value: 'high' },
          { assetId: 'orders-db', metric: 'cpu', timestamp: '2027-01-10T10:02:00Z', value: 43 },
        ],
      })
      .expect(200);
    expect(body).toEqual({
      accepted: 2,
      rejected: [
        { index: 1, reason: 'metric: lowercase letters, digits, "_" or "."' },
        { index: 2, reason: 'timestamp: an ISO 8601 date-time' },
        { index: 3, reason: 'value: a finite number' },
      ],
    });
    const big = samples('bulk-asset', 'queue_length', new Date('2027-01-01T00:00:00Z'), 10_000, (i) => i % 50);
    expect((await monitoring.as('observer').post('/metrics').send({ samples: big }).expect(200)).body).toEqual({
      accepted: 10_000,
      rejected: [],
    });
  });

  it('watches the executed plan targets before it hears the ready plan (order across topics)', async () => {
    const { execution, planningEvents } = finishedUpgrade('mon-early');
    await publish('execution', execution);
    await eventually(
      async () => (await types('mon-early')).includes('MonitoringStarted'),
      30_000,
      'monitoring to start',
    );
    const [started] = (await monitoring.store.readStream('monitoring-mon-early')).filter(
      (e) => e.type === 'MonitoringStarted',
    );
    const targets = (planningEvents.at(-1)!.payload as ReadyPlan).targets.map((t) => t.assetId);
    expect(targets.length).toBeGreaterThan(0);
    expect((started!.payload as { assetIds: string[] }).assetIds).toEqual(targets);
  });

  it('emits one RegressionDetected per breach episode, extends while an incident is open, then confirms stability', async () => {
    const { planning, execution } = finishedUpgrade('mon-1');
    await monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('orders-db', 'error_rate', new Date('2027-01-15T00:00:00Z'), 60, () => 0.01) })
      .expect(200);
    await publish('planning', planning);
    await eventually(
      async () => (await data.query(`SELECT 1 FROM upgrade_plans WHERE upgrade_id = 'mon-1'`)).length === 1,
      30_000,
      'the plan',
    );
    await monitoring
      .as('observer')
      .post('/monitoring/mon-1/baselines')
      .send({ assetId: 'orders-db', from: '2027-01-15T00:00:00Z', to: '2027-01-16T00:00:00Z' })
      .expect(201);
    await publish('execution', execution);
    await eventually(async () => (await types('mon-1')).includes('MonitoringStarted'), 30_000, 'monitoring to start');

    // error_rate at 5× baseline, sustained: one episode, however many ticks see it.
    now = new Date('2027-01-17T02:10:00Z');
    await monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('orders-db', 'error_rate', new Date('2027-01-17T02:04:00Z'), 6, () => 0.05) })
      .expect(200);
    await eventually(async () => (await types('mon-1')).includes('RegressionDetected'), 30_000, 'the regression');
    await new Promise((r) => setTimeout(r, 600));
    expect((await types('mon-1')).filter((t) => t === 'RegressionDetected')).toHaveLength(1);
    const [regression] = (await monitoring.store.readStream('monitoring-mon-1')).filter(
      (e) => e.type === 'RegressionDetected',
    );
    expect(regression!.payload).toMatchObject({ metric: 'error_rate', triggerId: 'errors' });
    expect(regression!.payload.baseline).toBeCloseTo(0.01);
    expect(regression!.payload.observed).toBeCloseTo(0.05);
    expect(regression!.payload.threshold).toBeCloseTo(0.02);

    now = new Date('2027-01-17T02:20:00Z');
    await monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('orders-db', 'error_rate', new Date('2027-01-17T02:15:30Z'), 5, () => 0.01) })
      .expect(200);
    await eventually(async () => (await types('mon-1')).includes('RegressionResolved'), 30_000, 'the episode to end');
    await monitoring
      .as('operator')
      .post('/monitoring/mon-1/incidents')
      .send({ incidentId: 'inc-1', summary: 'month-end report slow', severity: 'minor' })
      .expect(201);

    now = new Date('2027-01-17T03:05:00Z'); // past the 60 minute period, incident still open
    await eventually(async () => (await types('mon-1')).includes('MonitoringExtended'), 30_000, 'the extension');
    expect((await monitoring.as('observer').get('/monitoring/mon-1').expect(200)).body).toMatchObject({
      status: 'Monitoring',
      openIncidents: ['inc-1'],
    });
    await monitoring
      .as('operator')
      .post('/monitoring/mon-1/incidents/inc-1/resolve')
      .send({ resolution: 'index rebuilt' })
      .expect(201);
    now = new Date('2027-01-17T03:40:00Z');
    await eventually(async () => (await types('mon-1')).includes('StabilityConfirmed'), 30_000, 'stability');
    expect((await types('mon-1')).filter((t) => t === 'MonitoringExtended')).toHaveLength(1);
  });

  it('compiles a complete record, identical from the CLI replay, and verify names a tampered event', async () => {
    const { planningEvents, execution } = finishedUpgrade('rec-1');
    // The plan's own chain, closed after stability, as planning would publish it.
    const fullPlanning = publishedStream(
      'planning',
      'upgrade-rec-1',
      'rec-1',
      [
        ...planningEvents,
        {
          type: 'UpgradeClosed',
          payload: { upgradeId: 'rec-1', outcome: 'succeeded', postImplementationReviewRequired: false },
        },
      ],
      new Date('2026-12-01T00:00:00Z'),
    );
    await publish('execution', execution);
    await monitoring
      .as('planner')
      .post('/records/rec-1/follow-ups')
      .send({ followUpId: 'retrain', description: 'explain the new report menu', owner: 'bi-team' })
      .expect(201);
    await publish('planning', fullPlanning);
    await eventually(
      async () => (await types('rec-1')).includes('UpgradeRecordCompiled'),
      30_000,
      'the compiled record',
    );

    const { body } = await monitoring.as('auditor').get('/records/rec-1').expect(200);
    const record = body.record;
    expect(record).toMatchObject({
      upgradeId: 'rec-1',
      outcome: 'succeeded',
      versions: [{ assetId: 'orders-db', from: '15.6', to: '16.2', installed: '16.2', restored: null }],
      approvals: [{ approver: 'bob' }],
      backups: [
        expect.objectContaining({ backupId: 'b1', method: 'pg_basebackup', checksum: 'sha256:abc', verified: true }),
      ],
      acceptance: { result: 'passed' },
      rollback: { status: 'not-needed' },
      notices: [expect.objectContaining({ phase: 'before' })],
      followUps: [expect.objectContaining({ followUpId: 'retrain', status: 'open' })],
      tests: [expect.objectContaining({ outcome: 'passed' })],
    });
    for (const field of ['times', 'responsibleStaff', 'changedConfiguration', 'issues', 'compatibility'])
      expect(record).toHaveProperty(field);
    expect(record.responsibleStaff.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['alice', 'oscar', 'monitoring-service']),
    );
    const markdown = await monitoring
      .as('auditor')
      .get('/records/rec-1')
      .set('accept', 'text/markdown')
      .expect(200)
      .expect('content-type', /text\/markdown/);
    expect(markdown.text).toContain('# Upgrade record: PostgreSQL 16 for orders');
    expect(markdown.text).toContain('| orders-db | 15.6 | 16.2 | 16.2 | — |');

    // The auditor's replay from Kafka offset 0 compiles the same record.
    const replay = await replayLog(kafkaBrokers(), prefix);
    const fromKafka = compileRecord('rec-1', replay.events);
    expect(fromKafka).toEqual(record);
    expect(recordHash(fromKafka)).toBe(body.recordHash);

    expect((await monitoring.as('auditor').get('/audit/verify').expect(200)).body).toMatchObject({
      ok: true,
      broken: [],
    });
    const history = (await monitoring.as('auditor').get('/audit/upgrades/rec-1/events').expect(200))
      .body as EventEnvelope[];
    expect(history[0]!.type).toBe('UpgradeProposed');
    await data.query(
      `UPDATE record_events SET envelope = jsonb_set(envelope, '{payload,approver}', '"mallory"') WHERE upgrade_id = 'rec-1' AND type = 'UpgradeApproved'`,
    );
    const tampered = (await monitoring.as('auditor').get('/audit/verify').expect(200)).body;
    const approval = history.find((e) => e.type === 'UpgradeApproved')!;
    expect(tampered).toMatchObject({
      ok: false,
      broken: [
        {
          streamId: 'upgrade-rec-1',
          streamVersion: approval.streamVersion,
          eventId: approval.eventId,
          problem: 'hash-mismatch',
        },
      ],
    });
  });
});
