import { eventually } from '../support/environment.js';
import {
  approvedPlan,
  executedToMonitoring,
  notice,
  readyPlan,
  report,
  startPlanning,
  statusBecomes,
  type PlanningSystem,
} from './support/plan-over-http.js';
import { windowEstimates } from '../support/fixtures/upgrade-plan.js';

// Notices count from when planning received them, and an upgrade closes only once users heard the outcome.

describe('planning: notices on the server clock', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'observer' | 'auditor') => system.planning.as(role);

  beforeAll(async () => {
    system = await startPlanning(['notice-db', 'close-db']);
  }, 90_000);
  afterAll(() => system.close());

  it('records a notice at its receipt, keeps a backdated time only as reported, and refuses readiness on it', async () => {
    await approvedPlan(system.planning, 'notice-1', 'notice-db');
    // Two days ahead: the planned lead time (five days) can no longer be met, whatever the sender claims.
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const window = { startsAt: startsAt.toISOString(), endsAt: new Date(+startsAt + 6 * 3_600_000).toISOString() };
    await as('planner')
      .put('/upgrades/notice-1/window')
      .send({ ...window, estimates: windowEstimates })
      .expect(200);
    const before = Date.now();
    await as('planner')
      .post('/upgrades/notice-1/notices')
      .send(notice('before', { sentAt: '2026-01-01T09:00:00Z' }))
      .expect(201);
    const { notices } = (await as('observer').get('/upgrades/notice-1')).body;
    expect(notices[0].reportedSentAt).toBe('2026-01-01T09:00:00Z');
    expect(Date.parse(notices[0].sentAt)).toBeGreaterThanOrEqual(before - 1000);

    const refused = await as('planner')
      .post('/upgrades/notice-1/ready')
      .expect(422)
      .expect('content-type', /problem\+json/);
    expect(refused.body.detail).toMatch(/communication/);
    expect(refused.body.gates.find((g: { gate: string }) => g.gate === 'communication').missing).toEqual([
      `a notice to sales by ${new Date(+startsAt - 5 * 86_400_000).toISOString()}`,
    ]);
  });

  it('holds the close until the after-upgrade notice, shows it in the gate report, and closes with the notice', async () => {
    await readyPlan(system.planning, 'close-1', 'close-db');
    await executedToMonitoring(system.planning, 'close-1');
    const confirmed = await report(system.planning, 'monitoring', 'StabilityConfirmed', 'close-1', {
      confirmedAt: new Date().toISOString(),
    });
    await eventually(
      async () =>
        (await system.planning.store.readStream('upgrade-close-1')).some((e) => e.type === 'UpgradeCloseHeld'),
      30_000,
      'the close to be held',
    );
    const { body: report_ } = await as('auditor').get('/upgrades/close-1/gates').expect(200);
    expect(report_.status).toBe('Monitoring');
    expect(report_.gates.find((g: { gate: string }) => g.gate === 'after-notice')).toMatchObject({
      status: 'failed',
      missing: ['an after-upgrade notice to sales'],
      fix: 'POST /upgrades/{id}/notices with phase "after"',
    });

    await as('planner').post('/upgrades/close-1/notices').send(notice('after')).expect(201);
    await statusBecomes(system.planning, 'close-1', 'Closed');
    const events = await system.planning.store.readStream('upgrade-close-1');
    expect(events.find((e) => e.type === 'UpgradeCloseHeld')).toMatchObject({
      causationId: confirmed,
      payload: { missing: ['an after-upgrade notice to sales'] },
    });
    expect(events.slice(-2).map((e) => e.type)).toEqual(['UsersNotified', 'UpgradeClosed']);
  });
});
