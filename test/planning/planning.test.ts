import { sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { eventually, uniqueName } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';

const businessHours = {
  name: 'business hours',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '08:00',
  to: '18:00',
  timeZone: 'Europe/Berlin',
};
const asset = (assetId: string, product: string, version: string, over: Record<string, unknown> = {}) => ({
  assetId,
  name: assetId,
  kind: 'application',
  product,
  version,
  site: 'berlin',
  node: `${assetId}-node`,
  criticality: 'medium',
  owner: 'ops',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [businessHours],
  ...over,
});
// A Saturday night window, clear of weekday business hours, far enough ahead for every notice lead time.
const saturdayNight = { startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-17T02:00:00Z' };
const estimates = windowEstimates;

describe('planning service', () => {
  let inventory: RunningService;
  let planning: RunningService;

  beforeAll(async () => {
    const shared = { KAFKA_TOPIC_PREFIX: `${uniqueName('plan')}.` };
    inventory = await startService('inventory', (env) => InventoryModule.register(env), shared);
    planning = await startService('planning', (env) => PlanningModule.register(env), shared);
    for (const a of [
      asset('orders-db', 'postgresql', '15.6', { kind: 'database', criticality: 'high' }),
      asset('reportly', 'reportly', '4.2', { userGroups: ['finance'] }),
      asset('payments-db', 'postgresql', '15.6', {
        kind: 'database',
        criticality: 'critical',
        businessProcesses: ['payments'],
        peakPeriods: [],
      }),
      asset('kiosk', 'kiosk-os', '3.1', { peakPeriods: [] }),
    ])
      await inventory.as('planner').post('/assets').send(a).expect(201);
    await inventory
      .as('planner')
      .post('/assets/reportly/dependencies')
      .send({ dependsOnAssetId: 'orders-db', relation: 'reports-from' })
      .expect(201);
    await inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        ruleId: 'reportly-4-pg',
        product: 'reportly',
        versionRange: '4.x',
        requiresProduct: 'postgresql',
        requiresRange: '>=12 <16',
        source: { kind: 'vendor-note', reference: 'Reportly 4 notes' },
      })
      .expect(201);
    const projected = planning.app.get(DataSource);
    await eventually(
      async () => (await projected.query('SELECT count(*)::int AS n FROM inventory_rules'))[0].n === 1,
      30_000,
      'planning to see the inventory',
    );
  }, 90_000);
  afterAll(async () => {
    await planning.close();
    await inventory.close();
  });

  const as = (role: Parameters<RunningService['as']>[0]) => planning.as(role);

  /** Proposes and fills a plan for one target so that every pre-approval gate passes. */
  async function draft(
    upgradeId: string,
    assetId: string,
    toVersion: string,
    over: { rollback?: Record<string, unknown>; category?: string; urgencyOverride?: unknown } = {},
  ) {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId,
        title: `${assetId} to ${toVersion}`,
        category: over.category ?? 'end-of-support',
        purpose: `move ${assetId} to a supported release`,
        targets: [{ assetId, toVersion }],
        ...(over.urgencyOverride ? { urgencyOverride: over.urgencyOverride } : {}),
      })
      .expect(201);
    await as('planner').post(`/upgrades/${upgradeId}/impact`).send({}).expect(200);
    await as('planner')
      .post(`/upgrades/${upgradeId}/backups`)
      .send({
        assetId,
        scope: 'data-and-configuration',
        method: 'snapshot',
        location: 's3://backups',
        retentionDays: 30,
        restoreMethod: 'restore snapshot',
        expectedRestoreMinutes: 40,
      })
      .expect(201);
    await as('planner')
      .put(`/upgrades/${upgradeId}/rollback-plan`)
      .send({
        decisionOwner: 'dora',
        triggers: [{ kind: 'acceptance-failure', mode: 'automatic' }],
        steps: ['restore snapshot'],
        estimatedMinutes: 60,
        dataLossExposure: 'none',
        reversibility: 'reversible',
        ...over.rollback,
      })
      .expect(200);
    await as('planner')
      .post(`/upgrades/${upgradeId}/rollback-rehearsals`)
      .send({ outcome: 'succeeded', durationMinutes: 55 })
      .expect(201);
    await as('planner')
      .put(`/upgrades/${upgradeId}/acceptance-criteria`)
      .send({
        criteria: [
          { order: 1, kind: 'startup', core: true, description: 'starts', passCondition: 'accepts connections' },
          { order: 2, kind: 'report', core: false, description: 'reports', passCondition: 'renders' },
        ],
      })
      .expect(200);
    await as('planner')
      .post(`/upgrades/${upgradeId}/test-evidence`)
      .send({
        environment: 'staging',
        representativeData: true,
        rolesCovered: ['clerk'],
        integrationsCovered: [],
        loadTested: false,
        outcome: 'passed',
        summary: 'ok',
      })
      .expect(201);
    await as('planner')
      .put(`/upgrades/${upgradeId}/runbook`)
      .send({
        steps: [
          { order: 1, description: 'final backup' },
          { order: 2, description: 'upgrade' },
        ],
      })
      .expect(200);
  }

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
      .expect(201);
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
      .expect(201);
    const submitted = await as('planner').post('/upgrades/pg16/submit').expect(200);
    await as('approver').post('/upgrades/pg16/approvals').send({ comment: 'fine' }).expect(201);
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
      .expect(201);
    await as('planner').post('/upgrades/pg16/ready').expect(200);

    const { body: gates } = await as('auditor').get('/upgrades/pg16/gates').expect(200);
    expect(gates.status).toBe('ReadyForExecution');
    expect(gates.gates.map((g: { status: string }) => g.status)).not.toContain('failed');
    const events = await planning.store.readStream('upgrade-pg16');
    expect(events.at(-1)).toMatchObject({
      type: 'UpgradeReadyForExecution',
      correlationId: 'pg16',
      payload: { window: { rollbackDecisionDeadline: '2027-01-17T00:30:00.000Z' } },
    });
    expect(submitted.body.streamVersion).toBeGreaterThan(0);

    // Execution reports through Kafka; the plan follows.
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
    await sendRaw(planning.topic('execution'), [toKafkaRecord(started)]);
    await eventually(
      async () => (await as('observer').get('/upgrades/pg16')).body.status === 'InExecution',
      30_000,
      'the plan to follow execution',
    );
  });

  it('refuses a submit with missing gates, naming each, and writes nothing', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'bare',
        title: 'bare',
        category: 'feature',
        purpose: 'new kiosk layout for shops',
        targets: [{ assetId: 'kiosk', toVersion: '3.2' }],
      })
      .expect(201);
    const before = await planning.eventCount();
    const { body } = await as('planner').post('/upgrades/bare/submit').expect(422);
    expect(body).toMatchObject({
      status: 422,
      title: 'Gate refused',
      detail:
        'the plan cannot go to approval: impact, backup, rollback, test-evidence, acceptance-criteria, runbook not met',
    });
    expect(
      body.gates
        .filter((g: { status: string }) => g.status === 'failed')
        .map((g: { gate: string; missing: string[] }) => [g.gate, g.missing]),
    ).toEqual([
      ['impact', ['an impact assessment']],
      ['backup', ['a backup plan for kiosk']],
      ['rollback', ['a rollback plan']],
      ['test-evidence', ['a recorded test run']],
      ['acceptance-criteria', ['acceptance criteria']],
      ['runbook', ['runbook steps']],
    ]);
    expect(await planning.eventCount()).toBe(before);
  });

  it('refuses self-approval and needs two distinct approvers for a critical or irreversible plan', async () => {
    await draft('pay16', 'payments-db', '16.2', {
      rollback: { reversibility: 'forward-fix-only', irreversibleAcknowledgedBy: 'carol' },
    });
    await as('planner').post('/upgrades/pay16/submit').expect(200);
    const self = await planning.anonymous
      .post('/upgrades/pay16/approvals')
      .set('authorization', `Bearer ${await approverToken('alice')}`)
      .send({})
      .expect(403);
    expect(self.body.detail).toBe('separation of duties: alice requested this upgrade and cannot approve it');
    await as('approver').post('/upgrades/pay16/approvals').send({}).expect(201);
    expect((await as('observer').get('/upgrades/pay16')).body.status).toBe('Submitted');
    const twice = await as('approver').post('/upgrades/pay16/approvals').send({}).expect(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'approver', rule: 'distinct-approvers' });
    await as('approver2').post('/upgrades/pay16/approvals').send({}).expect(201);
    expect((await as('observer').get('/upgrades/pay16')).body).toMatchObject({
      status: 'Approved',
      submission: { approvalPath: 'strict', requiredApprovals: 2 },
    });
  });

  it('refuses windows that overlap a freeze, a peak period, or another upgrade on a dependent asset, naming the conflict', async () => {
    await draft('rep5', 'reportly', '5.0');
    await as('planner').post('/upgrades/rep5/submit').expect(200);
    await as('approver').post('/upgrades/rep5/approvals').send({}).expect(201);
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
      .expect(201);
    const before = await planning.eventCount();

    const weekday = await as('planner')
      .put('/upgrades/rep5/window')
      .send({ startsAt: '2027-01-19T10:00:00Z', endsAt: '2027-01-19T16:00:00Z', estimates })
      .expect(422);
    expect(weekday.body.detail).toBe(
      'the maintenance window is refused: no overlap with peak period "business hours" (Europe/Berlin, 2027-01-19T07:00:00.000Z – 2027-01-19T17:00:00.000Z)',
    );

    const frozen = await as('planner')
      .put('/upgrades/rep5/window')
      .send({ startsAt: '2027-02-06T20:00:00Z', endsAt: '2027-02-07T02:00:00Z', estimates })
      .expect(422);
    expect(frozen.body.detail).toBe(
      'the maintenance window is refused: no overlap with change freeze "audit freeze" (feb-audit, 2027-02-01T00:00:00Z – 2027-02-08T00:00:00Z)',
    );

    // pg16 (which now includes reportly) holds Saturday night already.
    const clash = await as('planner')
      .put('/upgrades/rep5/window')
      .send({ ...saturdayNight, estimates })
      .expect(422);
    expect(clash.body.detail).toMatch(
      /^the maintenance window is refused: no overlap with upgrade "orders-db to 16.2" \(pg16, .*\) touching reportly$/,
    );
    expect(await planning.eventCount()).toBe(before);

    const calendar = await as('observer')
      .get('/calendar?from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z')
      .expect(200);
    expect(calendar.body.freezes.map((f: { freezeId: string }) => f.freezeId)).toEqual(['feb-audit']);
    expect(calendar.body.upgrades.map((u: { upgradeId: string }) => u.upgradeId)).toContain('pg16');
  });

  it('answers one of two concurrent edits with 409', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'race',
        title: 'race',
        category: 'bug-fix',
        purpose: 'fix the kiosk crash on printing',
        targets: [{ assetId: 'kiosk', toVersion: '3.1.1' }],
      })
      .expect(201);
    const version = (await planning.store.readStream('upgrade-race')).length;
    const [a, b] = await Promise.all(
      ['reportly', 'orders-db'].map((assetId) =>
        as('planner')
          .post('/upgrades/race/targets')
          .set('if-match', `"${version}"`)
          .send({ assetId, toVersion: '9.9', reason: 'bundle' }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    expect([a!, b!].find((r) => r.status === 409)!.body).toMatchObject({
      title: 'Concurrent modification',
      expectedVersion: version,
    });
  });

  it('takes an emergency through the short path without a test run', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'cve',
        title: 'kiosk CVE',
        category: 'security-fix',
        purpose: 'fix authentication vulnerability in kiosk',
        targets: [{ assetId: 'kiosk', toVersion: '3.1.9' }],
        urgencyOverride: { urgency: 'emergency', justification: 'exploited in the wild since this morning' },
      })
      .expect(201);
    for (const [method, path, body, status] of [
      ['post', 'impact', {}, 200],
      [
        'post',
        'backups',
        {
          assetId: 'kiosk',
          scope: 'configuration',
          method: 'export',
          location: 'git',
          retentionDays: 7,
          restoreMethod: 'import',
          expectedRestoreMinutes: 5,
        },
        201,
      ],
      [
        'put',
        'rollback-plan',
        {
          decisionOwner: 'dora',
          triggers: [],
          steps: ['reinstall 3.1'],
          estimatedMinutes: 20,
          dataLossExposure: 'none',
          reversibility: 'reversible',
        },
        200,
      ],
      [
        'put',
        'acceptance-criteria',
        { criteria: [{ order: 1, kind: 'login', core: true, description: 'login', passCondition: 'works' }] },
        200,
      ],
      ['put', 'runbook', { steps: [{ order: 1, description: 'patch' }] }, 200],
    ] as const)
      await as('planner')[method](`/upgrades/cve/${path}`).send(body).expect(status);
    const { body } = await as('planner').post('/upgrades/cve/submit').expect(200);
    expect(body.streamVersion).toBeGreaterThan(0);
    expect((await as('observer').get('/upgrades/cve')).body).toMatchObject({
      urgency: 'emergency',
      submission: { approvalPath: 'emergency', requiredApprovals: 1 },
    });
    await as('approver').post('/upgrades/cve/approvals').send({}).expect(201);
    expect((await as('observer').get('/upgrades/cve')).body.status).toBe('Approved');
  });

  it('closes when stability is confirmed before it hears the acceptance that led there (order across topics)', async () => {
    // pg16 is InExecution since the happy path (closed earlier, it would no longer clash with windows).
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
    const confirmed = event('StabilityConfirmed', 'monitoring', 2, {
      upgradeId: 'pg16',
      confirmedAt: '2027-01-17T02:00:00.000Z',
    });
    // Users heard the outcome first: nothing holds the close.
    await as('planner')
      .post('/upgrades/pg16/notices')
      .send({ phase: 'after', userGroups: ['sales', 'finance'], channel: 'email', message: { availableAgain: true } })
      .expect(201);
    await sendRaw(planning.topic('monitoring'), [toKafkaRecord(confirmed)]);
    await eventually(
      async () => (await as('observer').get('/upgrades/pg16')).body.status === 'Closed',
      30_000,
      'the plan to close',
    );
    const statuses = (await planning.store.readStream('upgrade-pg16'))
      .filter((e) => e.causationId === confirmed.eventId)
      .map((e) => e.type);
    expect(statuses).toEqual(['UpgradeStatusChanged', 'UpgradeClosed']);
  });
});

async function approverToken(sub: string): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ sub, role: 'approver' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('upgrade-control')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode('development-only-secret-change-me-in-production!'));
}
