import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { eventually, uniqueName } from '../support/environment.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Planning refuses bad input with 400 naming the field and rule, where it used to answer 500. */
const asset = (assetId: string) => ({
  assetId,
  name: assetId,
  kind: 'database',
  product: 'postgresql',
  version: '15.6',
  site: 'berlin',
  node: `${assetId}-node`,
  criticality: 'medium',
  owner: 'ops',
});
const estimates = windowEstimates;

describe('planning refuses bad input', () => {
  let inventory: RunningService;
  let planning: RunningService;
  const post = (url: string) => planning.as('planner').post(url);
  const put = (url: string) => planning.as('planner').put(url);

  beforeAll(async () => {
    const shared = { KAFKA_TOPIC_PREFIX: `${uniqueName('badplan')}.` };
    inventory = await startService('inventory', (env) => InventoryModule.register(env), shared);
    planning = await startService('planning', (env) => PlanningModule.register(env), shared);
    for (const id of ['main-db', 'replica-db'])
      await inventory.as('planner').post('/assets').send(asset(id)).expect(201);
    const view = planning.app.get(DataSource);
    await eventually(
      async () => (await view.query('SELECT count(*)::int AS n FROM inventory_assets'))[0].n === 2,
      30_000,
      'planning to see the inventory',
    );
    await post('/upgrades')
      .send({
        upgradeId: 'pg16',
        title: 'PostgreSQL 16',
        category: 'end-of-support',
        purpose: 'move to a supported release',
        targets: [{ assetId: 'main-db', toVersion: '16.2' }],
      })
      .expect(201);
  }, 90_000);
  afterAll(async () => {
    await planning.close();
    await inventory.close();
  });

  it('refuses NUL in the reason of an added target', async () => {
    const response = await withoutEvents(planning, () =>
      post('/upgrades/pg16/targets').send({ assetId: 'replica-db', toVersion: '16.2', reason: 'moves\u0000too' }),
    );
    expectProblem(response, 400, 'reason', 'no-control-characters');
  });

  it('refuses a target reason of white space only', async () => {
    const response = await withoutEvents(planning, () =>
      post('/upgrades/pg16/targets').send({ assetId: 'replica-db', toVersion: '16.2', reason: '  \t ' }),
    );
    expectProblem(response, 400, 'reason', 'isNotBlank');
  });

  it('refuses an impossible window start', async () => {
    const response = await withoutEvents(planning, () =>
      put('/upgrades/pg16/window').send({
        startsAt: '2027-02-30T10:00:00Z',
        endsAt: '2027-03-01T02:00:00Z',
        estimates,
      }),
    );
    expectProblem(response, 400, 'startsAt', 'isDateTime');
  });

  it('refuses a window end without a time of day', async () => {
    const response = await withoutEvents(planning, () =>
      put('/upgrades/pg16/window').send({ startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-17', estimates }),
    );
    expectProblem(response, 400, 'endsAt', 'isDateTime');
  });

  it('refuses an estimate beyond any window', async () => {
    const response = await withoutEvents(planning, () =>
      put('/upgrades/pg16/window').send({
        startsAt: '2027-01-16T20:00:00Z',
        endsAt: '2027-01-17T02:00:00Z',
        estimates: { ...estimates, upgrade: 9_007_199_254_740_991 },
      }),
    );
    expectProblem(response, 400, 'estimates.upgrade', 'max');
  });

  it('refuses an integer beyond the safe range', async () => {
    const response = await withoutEvents(planning, () =>
      post('/upgrades/pg16/backups').send({
        assetId: 'main-db',
        scope: 'data',
        method: 'pg_basebackup',
        location: 's3://backups/main',
        retentionDays: 1e300,
        restoreMethod: 'restore and promote',
        expectedRestoreMinutes: 45,
      }),
    );
    expectProblem(response, 400, 'retentionDays', 'isSafeInteger');
  });

  it('refuses an empty asset id in a freeze scope', async () => {
    const response = await withoutEvents(planning, () =>
      planning
        .as('approver')
        .post('/calendar/freezes')
        .send({
          kind: 'freeze',
          name: 'year end',
          startsAt: '2026-12-20T00:00:00Z',
          endsAt: '2027-01-04T00:00:00Z',
          scope: { all: false, assetIds: [''] },
          reason: 'closing',
        }),
    );
    expectProblem(response, 400, 'scope.assetIds', 'isLength');
  });

  it('refuses an impossible notice date', async () => {
    const response = await withoutEvents(planning, () =>
      post('/upgrades/pg16/notices').send({
        phase: 'before',
        userGroups: ['sales'],
        channel: 'email',
        sentAt: '2027-02-29T10:00:00Z',
        message: {},
      }),
    );
    expectProblem(response, 400, 'sentAt', 'isDateTime');
  });

  it('refuses a cancellation reason of white space only', async () => {
    const response = await withoutEvents(planning, () => post('/upgrades/pg16/cancel').send({ reason: '   ' }));
    expectProblem(response, 400, 'reason', 'isNotBlank');
  });

  it('refuses a calendar query in year 0', async () => {
    const response = await planning.as('planner').get('/calendar?from=0000-01-01T00:00:00Z&to=2027-01-01T00:00:00Z');
    expectProblem(response, 400, 'from', 'isDateTime');
  });

  it('refuses a repeated status filter', async () => {
    const response = await planning.as('planner').get('/upgrades?status=Draft&status=Approved');
    expectProblem(response, 400, 'status', 'single-value');
  });
});
