import { sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { planningWithInventory } from './planning-services.js';
import { gatePasses } from './support/plan-over-http.js';

// A Saturday night window, clear of weekday business hours, far enough ahead for every notice lead time.
const saturdayNight = { startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-17T02:00:00Z' };
const estimates = windowEstimates;

// The scenarios build on each other: pg16 reaches execution, holds Saturday night against rep5, then closes.
describe('planning service: an upgrade from plan to close', () => {
  const services = planningWithInventory();
  const { as, draft } = services;

  it('walks the happy path to ReadyForExecution, after finding and fixing an incompatibility', async () => {
    await draft('pg16', 'orders-db', '16.2');
    const refused = await as('planner')
      .post('/upgrades/pg16/submit')
      .expect(422)
      .expect('content-type', /problem\+json/);
    expect(refused.body.gates.find((g: { gate: string }) => g.gate === 'compatibility')).toMatchObject({
      status: 'failed',
      missing: ['reportly 4.2 with orders-db 16.2: reportly 4.x requires postgresql >=12 <16'],
    });

    // Fix it the way the rule book says: upgrade the dependent together with the database.
    await as('planner')
      .post('/upgrades/pg16/targets')
      .send({ assetId: 'reportly', toVersion: '5.0', reason: 'its driver must speak PostgreSQL 16' })
      .expect(200);
    await as('planner').post('/upgrades/pg16/impact').send({}).expect(200);
    await as('planner')
      .post('/upgrades/pg16/backups')
      .send({
        assetId: 'reportly',
        scope: 'configuration',
        method: 'config export',
        location: 'git',
        retentionDays: 90,
        restoreMethod: 're-import',
        expectedRestoreMinutes: 5,
      })
      .expect(200);
    const submitted = await as('planner').post('/upgrades/pg16/submit').expect(200);
    await as('approver').post('/upgrades/pg16/approvals').send({ comment: 'fine' }).expect(200);
    await as('planner')
      .put('/upgrades/pg16/window')
      .send({ ...saturdayNight, estimates })
      .expect(200);
    const notReady = await as('planner').post('/upgrades/pg16/ready').expect(422);
    expect(notReady.body.gates.find((g: { gate: string }) => g.gate === 'communication').missing).toEqual([
      'a notice to finance by 2027-01-11T20:00:00.000Z',
      'a notice to sales by 2027-01-11T20:00:00.000Z',
    ]);
    await as('planner')
      .post('/upgrades/pg16/notices')
      .send({
        phase: 'before',
        userGroups: ['sales', 'finance'],
        channel: 'email',
        message: { expectedTime: 'Sat 21:00–03:00', serviceImpact: 'orders offline' },
      })
      .expect(200);
    await gatePasses(services.planning, 'pg16', 'communication');
    await as('planner').post('/upgrades/pg16/ready').expect(200);

    const { body: gates } = await as('auditor').get('/upgrades/pg16/gates').expect(200);
    expect(gates.status).toBe('ReadyForExecution');
    expect(gates.gates.map((g: { status: string }) => g.status)).not.toContain('failed');
    const events = await services.planning.store.readStream('upgrade-pg16');
    expect(events.at(-1)).toMatchObject({
      type: 'UpgradeReadyForExecution',
      correlationId: 'pg16',
      payload: { window: { rollbackDecisionDeadline: '2027-01-17T00:30:00.000Z' } },
    });
    expect(submitted.body.streamVersion).toBeGreaterThan(0);
  });

  it('follows execution to InExecution when execution reports the start through Kafka', async () => {
    const events = await services.planning.store.readStream('upgrade-pg16');
    const started = sealEnvelope({
      eventId: uuidv7(),
      type: 'ExecutionStarted',
      schemaVersion: 1,
      streamId: 'execution-pg16',
      streamVersion: 1,
      occurredAt: '2027-01-16T20:05:00.000Z',
      producer: 'execution',
      correlationId: 'pg16',
      causationId: events.at(-1)!.eventId,
      actor: { id: 'oscar', role: 'operator' },
      prevHash: null,
      payload: {
        executionId: 'x1',
        upgradeId: 'pg16',
        operator: 'oscar',
        startedAt: '2027-01-16T20:05:00.000Z',
        readyEventId: events.at(-1)!.eventId,
        plan: events.at(-1)!.payload,
      },
    });
    await sendRaw(services.planning.topic('execution'), [toKafkaRecord(started)]);
    await eventually(
      async () => (await as('observer').get('/upgrades/pg16')).body.status === 'InExecution',
      30_000,
      'the plan to follow execution',
    );
  });

  describe('refuses windows that overlap a freeze, a peak period, or another upgrade on a dependent asset, naming the conflict', () => {
    beforeAll(async () => {
      await draft('rep5', 'reportly', '5.0');
      await as('planner').post('/upgrades/rep5/submit').expect(200);
      await as('approver').post('/upgrades/rep5/approvals').send({}).expect(200);
      await as('approver')
        .post('/calendar/freezes')
        .send({
          freezeId: 'feb-audit',
          kind: 'freeze',
          name: 'audit freeze',
          startsAt: '2027-02-01T00:00:00Z',
          endsAt: '2027-02-08T00:00:00Z',
          scope: { all: false, sites: ['berlin'] },
          reason: 'auditors on site',
        })
        .expect(200);
    });

    /** Asks for the window, expects 422 with nothing written, and answers the refusal's detail. */
    async function refusedWindow(window: { startsAt: string; endsAt: string }): Promise<string> {
      const before = await services.planning.eventCount();
      const { body } = await as('planner')
        .put('/upgrades/rep5/window')
        .send({ ...window, estimates })
        .expect(422);
      expect(await services.planning.eventCount()).toBe(before);
      return body.detail;
    }

    it('refuses a window in a peak period', async () => {
      expect(await refusedWindow({ startsAt: '2027-01-19T10:00:00Z', endsAt: '2027-01-19T16:00:00Z' })).toBe(
        'the maintenance window is refused: no overlap with peak period "business hours" (Europe/Berlin, 2027-01-19T07:00:00.000Z – 2027-01-19T17:00:00.000Z)',
      );
    });

    it('refuses a window in a change freeze', async () => {
      expect(await refusedWindow({ startsAt: '2027-02-06T20:00:00Z', endsAt: '2027-02-07T02:00:00Z' })).toBe(
        'the maintenance window is refused: no overlap with change freeze "audit freeze" (feb-audit, 2027-02-01T00:00:00Z – 2027-02-08T00:00:00Z)',
      );
    });

    it('refuses a window that another upgrade on a dependent asset holds', async () => {
      // pg16 (which now includes reportly) holds Saturday night already.
      expect(await refusedWindow(saturdayNight)).toMatch(
        /^the maintenance window is refused: no overlap with upgrade "orders-db to 16.2" \(pg16, .*\) touching reportly$/,
      );
    });

    it('shows the freeze and the planned upgrade in the calendar', async () => {
      const calendar = await as('observer')
        .get('/calendar?from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z')
        .expect(200);
      expect(calendar.body.freezes.map((f: { freezeId: string }) => f.freezeId)).toEqual(['feb-audit']);
      expect(calendar.body.upgrades.map((u: { upgradeId: string }) => u.upgradeId)).toContain('pg16');
    });
  });

  it('closes when stability is confirmed before it hears the acceptance that led there (order across topics)', async () => {
    // pg16 is InExecution since execution reported it (closed earlier, it would no longer clash with windows).
    // Monitoring's topic runs ahead of execution's here: planning never heard AcceptancePassed.
    const event = (type: string, producer: 'monitoring', streamVersion: number, payload: Record<string, unknown>) =>
      sealEnvelope({
        eventId: uuidv7(),
        type,
        schemaVersion: 1,
        streamId: `${producer}-pg16`,
        streamVersion,
        occurredAt: '2027-01-17T02:00:00.000Z',
        producer,
        correlationId: 'pg16',
        causationId: null,
        actor: { id: producer, role: 'system' },
        prevHash: null,
        payload,
      });
    const confirmed = event('StabilityConfirmed', 'monitoring', 1, {
      upgradeId: 'pg16',
      confirmedAt: '2027-01-17T02:00:00.000Z',
    });
    // Users heard the outcome first: nothing holds the close.
    await as('planner')
      .post('/upgrades/pg16/notices')
      .send({ phase: 'after', userGroups: ['sales', 'finance'], channel: 'email', message: { availableAgain: true } })
      .expect(200);
    await gatePasses(services.planning, 'pg16', 'after-notice');
    await sendRaw(services.planning.topic('monitoring'), [toKafkaRecord(confirmed)]);
    await eventually(
      async () => (await as('observer').get('/upgrades/pg16')).body.status === 'Closed',
      30_000,
      'the plan to close',
    );
    const statuses = (await services.planning.store.readStream('upgrade-pg16'))
      .filter((e) => e.causationId === confirmed.eventId)
      .map((e) => e.type);
    expect(statuses).toEqual(['UpgradeStatusChanged', 'UpgradeClosed']);
  });
});
