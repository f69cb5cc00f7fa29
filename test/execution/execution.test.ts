import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { ExecutionModule } from '../../apps/execution/src/execution.module.js';
import { plan as basePlan } from '../support/fixtures/execution.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';

/** The service's clock, moved by the tests. */
let now = new Date('2027-01-16T21:00:00Z');
const clock = () => now;

const envelope = (
  type: string,
  producer: 'planning' | 'monitoring',
  correlationId: string,
  payload: Record<string, unknown>,
): EventEnvelope =>
  sealEnvelope({
    eventId: uuidv7(),
    type,
    schemaVersion: 1,
    streamId: `${producer}-${correlationId}`,
    streamVersion: 1,
    occurredAt: now.toISOString(),
    producer,
    correlationId,
    causationId: null,
    actor: { id: 'system', role: 'system' },
    payload,
    prevHash: null,
  });

describe('execution service', () => {
  let db: TestDatabase;
  let execution: RunningService;
  let replica: RunningService;
  // Two replicas of one service: same database, same consumer group.
  const env = {
    KAFKA_TOPIC_PREFIX: `${uniqueName('exec')}.`,
    KAFKA_CONSUMER_GROUP: uniqueName('execution'),
    WATCHDOG_INTERVAL_MS: '100',
  };

  beforeAll(async () => {
    db = await freshDatabase('execution');
    execution = await startService('execution', (e) => ExecutionModule.register(e, clock), env, { db });
    replica = await startService('execution', (e) => ExecutionModule.register(e, clock), env, { db });
  });
  afterAll(async () => {
    await replica.close();
    await execution.close();
    await db.drop();
  });

  const as = (role: Parameters<RunningService['as']>[0]) => execution.as(role);
  const ready = new Map<string, EventEnvelope>();

  /** Planning declares an upgrade ready; execution learns it from Kafka. */
  async function planReady(upgradeId: string, changes: Partial<ReadyPlan> = {}) {
    const plan = { ...basePlan, upgradeId, ...changes };
    const event = envelope('UpgradeReadyForExecution', 'planning', upgradeId, plan);
    ready.set(upgradeId, event);
    await sendRaw(execution.topic('planning'), [toKafkaRecord(event)]);
    const data = execution.app.get(DataSource);
    await eventually(
      async () => (await data.query('SELECT 1 FROM ready_upgrades WHERE upgrade_id = $1', [upgradeId])).length === 1,
      30_000,
      `${upgradeId} ready`,
    );
  }

  async function startedAndApplied(upgradeId: string) {
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await as('operator')
      .post(`/executions/${upgradeId}/backups/nightly/taken`)
      .send({
        what: 'orders db',
        method: 'pg_basebackup',
        location: 's3://b',
        sizeBytes: 10,
        checksum: 'sha256:abc',
        startedAt: '2027-01-16T21:00:00Z',
        finishedAt: '2027-01-16T21:10:00Z',
      })
      .expect(201);
    await as('operator')
      .post(`/executions/${upgradeId}/backups/nightly/verification`)
      .send({ checksum: 'sha256:abc', restoreTest: { target: 'staging', durationSeconds: 300, succeeded: true } })
      .expect(201);
    await as('operator').post(`/executions/${upgradeId}/apply`).expect(200);
  }
  const types = async (upgradeId: string) =>
    (await execution.store.readStream(`execution-${upgradeId}`)).map((e) => e.type);

  it('refuses to start outside the window or inside a freeze', async () => {
    await planReady('early');
    now = new Date('2027-01-16T19:00:00Z');
    const early = await as('operator').post('/executions/early/start').expect(422);
    expect(early.body.gates[0]).toMatchObject({ gate: 'maintenance-window', status: 'failed' });
    now = new Date('2027-01-16T21:00:00Z');
    await sendRaw(execution.topic('planning'), [
      toKafkaRecord(
        envelope('ChangeFreezeDeclared', 'planning', 'calendar-incident', {
          freezeId: 'incident',
          kind: 'freeze',
          name: 'incident freeze',
          startsAt: '2027-01-16T20:30:00Z',
          endsAt: '2027-01-16T23:00:00Z',
          scope: { all: true, assetIds: [], sites: [] },
          reason: 'major incident',
        }),
      ),
    ]);
    const data = execution.app.get(DataSource);
    await eventually(
      async () => (await data.query(`SELECT 1 FROM freezes WHERE freeze_id = 'incident'`)).length === 1,
      30_000,
      'the freeze',
    );
    const frozen = await as('operator').post('/executions/early/start').expect(422);
    expect(frozen.body.detail).toBe('execution cannot start: no active freeze: "incident freeze" (incident)');
    expect(await types('early')).toEqual([]);
  });

  it('accepts a rollback inside a freeze, as break-glass naming who and why', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    await planReady('glass');
    await startedAndApplied('glass');
    now = new Date('2027-01-16T21:00:00Z'); // the incident freeze is in force now
    await as('approver')
      .post('/executions/glass/rollback')
      .send({ reason: 'orders fail', breakGlassWhy: 'customers cannot order' })
      .expect(201);
    const [triggered] = (await execution.store.readStream('execution-glass')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(triggered!.payload).toMatchObject({
      decidedBy: 'bob',
      breakGlass: { why: 'customers cannot order (inside change freeze "incident freeze")' },
    });
  });

  it('never applies before the backup is verified; a failed verification blocks', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    await planReady('nobackup');
    await as('operator').post('/executions/nobackup/start').expect(201);
    const before = await types('nobackup');
    const refused = await as('operator').post('/executions/nobackup/apply').expect(422);
    expect(refused.body.detail).toBe('the upgrade cannot be applied before every planned backup is verified: nightly');
    expect(await types('nobackup')).toEqual(before);
    await as('operator')
      .post('/executions/nobackup/backups/nightly/taken')
      .send({
        what: 'db',
        method: 'dump',
        location: 's3://b',
        sizeBytes: 1,
        checksum: 'sha256:abc',
        startedAt: '2027-01-16T20:10:00Z',
        finishedAt: '2027-01-16T20:20:00Z',
      })
      .expect(201);
    await as('operator')
      .post('/executions/nobackup/backups/nightly/verification')
      .send({ checksum: 'sha256:abc', restoreTest: { target: 'staging', durationSeconds: 30, succeeded: false } })
      .expect(201);
    const blocked = await as('operator').post('/executions/nobackup/apply').expect(422);
    expect(blocked.body.gates[0].missing).toEqual([
      'backup nightly failed verification (restore test on staging failed); take and verify it again',
    ]);
    expect(await types('nobackup')).not.toContain('UpgradeApplied');
  });

  it('enforces core checks first and rolls back automatically when acceptance fails', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    await planReady('failing');
    await startedAndApplied('failing');
    const early = await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'report', outcome: 'passed', evidence: 'renders' })
      .expect(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'criterionId', rule: 'core-first' });
    await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'starts', outcome: 'passed', evidence: 'up' })
      .expect(201);
    await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'orders', outcome: 'failed', evidence: 'commit hangs' })
      .expect(201);
    expect((await types('failing')).slice(-3)).toEqual([
      'AcceptanceCheckRecorded',
      'AcceptanceFailed',
      'RollbackTriggered',
    ]);
  });

  it('rolls back exactly once when the decision deadline passes, with two instances running', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    await planReady('deadline');
    await startedAndApplied('deadline');
    now = new Date('2027-01-17T00:31:00Z');
    await eventually(async () => (await types('deadline')).includes('RollbackTriggered'), 30_000, 'the watchdog');
    await new Promise((r) => setTimeout(r, 1000)); // both watchdogs have ticked several times since
    expect((await types('deadline')).filter((t) => t === 'RollbackTriggered')).toHaveLength(1);
  });

  it('reacts to RegressionDetected by trigger mode: roll back, ask then apply the default, or only record', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    for (const id of ['reg-auto', 'reg-confirm', 'reg-dry']) {
      await planReady(id);
      await startedAndApplied(id);
      await as('operator')
        .post(`/executions/${id}/acceptance-checks`)
        .send({ criterionId: 'starts', outcome: 'passed', evidence: 'up' })
        .expect(201);
      await as('operator')
        .post(`/executions/${id}/acceptance-checks`)
        .send({ criterionId: 'orders', outcome: 'passed', evidence: 'ok' })
        .expect(201);
    }
    now = new Date('2027-01-18T10:00:00Z');
    const regression = (upgradeId: string, metric: string) =>
      toKafkaRecord(
        envelope('RegressionDetected', 'monitoring', upgradeId, {
          upgradeId,
          assetId: 'orders-db',
          metric,
          triggerId: null,
          baseline: 0.01,
          observed: 0.05,
          threshold: 0.02,
          windowFrom: '2027-01-18T09:55:00Z',
          windowTo: '2027-01-18T10:00:00Z',
        }),
      );
    await sendRaw(execution.topic('monitoring'), [
      regression('reg-auto', 'error_rate'),
      regression('reg-confirm', 'response_time_p95'),
      regression('reg-dry', 'cpu'),
    ]);
    await eventually(async () => (await types('reg-auto')).includes('RollbackTriggered'), 30_000, 'automatic rollback');
    await eventually(
      async () => (await types('reg-confirm')).includes('RollbackDecisionRequested'),
      30_000,
      'a decision request',
    );
    await eventually(async () => (await types('reg-dry')).includes('RollbackDryRunRecorded'), 30_000, 'the dry run');
    expect(await types('reg-confirm')).not.toContain('RollbackTriggered');
    now = new Date('2027-01-18T10:16:00Z');
    await eventually(
      async () => (await types('reg-confirm')).includes('RollbackTriggered'),
      30_000,
      'the default after the decision deadline',
    );
    const [timeout] = (await execution.store.readStream('execution-reg-confirm')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(timeout!.payload).toMatchObject({ trigger: 'decision-timeout', triggerId: 'latency' });
    expect((await types('reg-dry')).filter((t) => t.startsWith('Rollback'))).toEqual(['RollbackDryRunRecorded']);
  });

  it('runs a full happy path to ExecutionCompleted, every event correlated by upgrade and caused by the one before', async () => {
    now = new Date('2027-01-16T20:10:00Z');
    await planReady('happy');
    await startedAndApplied('happy');
    await as('operator').post('/executions/happy/steps/pg-upgrade/start').expect(201);
    await as('operator')
      .post('/executions/happy/steps/pg-upgrade/complete')
      .send({
        outputSummary: 'done',
        durationSeconds: 600,
        configurationChanges: [{ assetId: 'orders-db', path: 'max_connections', before: 100, after: 200 }],
      })
      .expect(201);
    for (const criterionId of ['starts', 'orders', 'report']) {
      await as('operator')
        .post('/executions/happy/acceptance-checks')
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(201);
    }
    await as('operator')
      .post('/executions/happy/log-review')
      .send({ findings: [{ severity: 'info', source: 'postgresql.log', message: 'clean' }] })
      .expect(201);
    await as('operator').post('/executions/happy/complete').expect(200);
    const events = await execution.store.readStream('execution-happy');
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'BackupTaken',
      'BackupVerified',
      'UpgradeApplied',
      'StepStarted',
      'StepCompleted',
      'AcceptanceCheckRecorded',
      'AcceptanceCheckRecorded',
      'AcceptancePassed',
      'AcceptanceCheckRecorded',
      'LogReviewRecorded',
      'ExecutionCompleted',
    ]);
    expect(events.every((e) => e.correlationId === 'happy')).toBe(true);
    expect(events[0]!.causationId).toBe(ready.get('happy')!.eventId);
    for (const [i, e] of events.entries())
      if (i > 0 && e.type !== 'AcceptancePassed') expect(e.causationId).toBe(events[i - 1]!.eventId);
    expect(events.find((e) => e.type === 'AcceptancePassed')!.causationId).toBe(events[6]!.eventId);
  });
});
