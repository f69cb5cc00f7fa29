import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { eventually } from '../support/environment.js';
import { startService } from '../support/service-app.js';
import {
  approvedPlan,
  executedToMonitoring,
  gatePasses,
  notice,
  readyPlan,
  report,
  startPlanning,
  statusBecomes,
  type PlanningSystem,
} from './support/plan-over-http.js';
import { windowEstimates } from '../support/fixtures/upgrade-plan.js';

// Notices go out as signed CloudEvents to a real HTTP receiver this test runs (ADR 13); a group
// counts as told once its endpoint answered 2xx, from then.

describe('planning: notices delivered as webhooks', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'observer' | 'auditor') => system.planning.as(role);
  const events = (upgradeId: string) => system.planning.store.readStream(`upgrade-${upgradeId}`);
  const gate = async (upgradeId: string, name: string) =>
    (await as('auditor').get(`/upgrades/${upgradeId}/gates`)).body.gates.find((g: { gate: string }) => g.gate === name);
  const hasEvent = (upgradeId: string, type: string) =>
    eventually(async () => (await events(upgradeId)).some((e) => e.type === type), 30_000, `${upgradeId}: ${type}`);

  beforeAll(async () => {
    system = await startPlanning(['notice-db', 'refuse-db', 'gone-db', 'close-db', 'rollback-db', 'restart-db']);
  }, 90_000);
  afterAll(() => system.close());

  it('delivers a signed CloudEvent, retries a 503 under the same id, and counts the notice from its delivery', async () => {
    await readyPlanUpToWindow('notice-1', 'notice-db');
    system.receiver.answers.push(503);
    const { body } = await as('planner')
      .post('/upgrades/notice-1/notices')
      .send(notice('before', { sentAt: '2026-01-01T09:00:00Z' }))
      .expect(200);
    await hasEvent('notice-1', 'NoticeDelivered');

    const received = system.receiver.received.filter((r) => r.event.data.noticeId === body.noticeId);
    expect(received.map((r) => [r.verified, r.id])).toEqual([
      [true, received[0]!.id],
      [true, received[0]!.id],
    ]);
    expect(received[0]!.event).toMatchObject({
      type: 'dev.upgradecontrol.UserNotice.v1',
      subject: 'notice-1',
      data: { phase: 'before', userGroup: 'sales' },
    });
    const delivered = (await events('notice-1')).find((e) => e.type === 'NoticeDelivered')!;
    expect(delivered.payload).toMatchObject({ userGroup: 'sales', attempts: 2, statusCode: 204 });
    const requested = (await events('notice-1')).find((e) => e.type === 'NoticeRequested')!;
    expect(requested.payload).toMatchObject({ reportedSentAt: '2026-01-01T09:00:00Z' });
    expect(JSON.stringify(requested.payload)).not.toContain(system.receiver.secret);

    // Two days ahead, the planned lead time (five days) is missed, whatever the sender claims.
    const refused = await as('planner').post('/upgrades/notice-1/ready').expect(422);
    expect(refused.body.gates.find((g: { gate: string }) => g.gate === 'communication').missing[0]).toMatch(
      /^a notice to sales by .* \(delivered only at /,
    );
  });

  it('refuses a notice to a user group that has no subscriber endpoint, naming the group', async () => {
    await approvedPlan(system.planning, 'refuse-1', 'refuse-db');
    const refused = await as('planner')
      .post('/upgrades/refuse-1/notices')
      .send(notice('before', { userGroups: ['sales', 'warehouse'] }))
      .expect(422)
      .expect('content-type', /problem\+json/);
    expect(refused.body.detail).toBe('the notice is refused: no subscriber endpoint for user group warehouse');
    expect(refused.body.gates[0]).toMatchObject({
      missing: ['a subscriber endpoint for user group warehouse'],
      fix: 'POST /notice-subscriptions with the group as audience and the endpoint url',
    });
  });

  it('records a delivery the endpoint refuses (4xx) as failed, and the gate shows why', async () => {
    await readyPlanUpToWindow('gone-1', 'gone-db');
    system.receiver.answers.push(410);
    await as('planner').post('/upgrades/gone-1/notices').send(notice('before')).expect(200);
    await hasEvent('gone-1', 'NoticeDeliveryFailed');
    expect((await gate('gone-1', 'communication')).missing[0]).toMatch(/\(delivery failed: .* answered 410\)$/);
  });

  it('holds the close until the after-upgrade notice is delivered, then closes', async () => {
    await readyPlan(system.planning, 'close-1', 'close-db');
    await executedToMonitoring(system.planning, 'close-1');
    await report(system.planning, 'monitoring', 'StabilityConfirmed', 'close-1', {
      confirmedAt: new Date().toISOString(),
    });
    await hasEvent('close-1', 'UpgradeCloseHeld');
    expect(await gate('close-1', 'after-notice')).toMatchObject({
      status: 'failed',
      missing: ['an after-upgrade notice to sales'],
    });
    await as('planner').post('/upgrades/close-1/notices').send(notice('after')).expect(200);
    await statusBecomes(system.planning, 'close-1', 'Closed');
    expect((await events('close-1')).slice(-2).map((e) => e.type)).toEqual(['NoticeDelivered', 'UpgradeClosed']);
  });

  it('tells users of a rollback by itself, and shows the rollback notice delivered', async () => {
    await readyPlan(system.planning, 'rollback-1', 'rollback-db');
    await executedToMonitoring(system.planning, 'rollback-1');
    await report(system.planning, 'execution', 'RollbackCompleted', 'rollback-1', {
      restored: [{ assetId: 'rollback-db', version: '15.6' }],
      dataLossExposure: 'none',
      completedAt: new Date().toISOString(),
    });
    await statusBecomes(system.planning, 'rollback-1', 'RolledBack');
    await gatePasses(system.planning, 'rollback-1', 'rollback-notice');
    const told = system.receiver.received.find(
      (r) => r.event.subject === 'rollback-1' && r.event.data.phase === 'rollback',
    );
    expect(told).toMatchObject({ verified: true, event: { data: { userGroup: 'sales' } } });
  });

  it('returns a generated secret once, never lists it, refuses a non-http url, and removes a subscription', async () => {
    const created = await as('planner')
      .post('/notice-subscriptions')
      .send({ audience: 'audit', url: 'https://hooks.example/audit' })
      .expect(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const { body: listed } = await as('auditor').get('/notice-subscriptions?audience=audit').expect(200);
    expect(listed).toEqual({
      items: [expect.objectContaining({ subscriptionId: created.body.subscriptionId })],
      next: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.body.secret);
    const bad = await as('planner')
      .post('/notice-subscriptions')
      .send({ audience: 'audit', url: 'ftp://hooks.example/audit' })
      .expect(400);
    expect(bad.body.detail).toMatch(/url must be an absolute http or https URL/);
    await as('planner').delete(`/notice-subscriptions/${created.body.subscriptionId}`).expect(204);
    await as('planner').delete(`/notice-subscriptions/${created.body.subscriptionId}`).expect(404);
  });

  it('delivers a notice from the worklist in the database after the instance that accepted it stopped', async () => {
    await readyPlanUpToWindow('restart-1', 'restart-db');
    // An instance that accepts the request but never dispatches, and stops: nothing is in memory.
    const prefix = system.planning.topic('planning').replace(/planning\.events$/, '');
    const accepting = await startService(
      'planning',
      (e) => PlanningModule.register(e),
      { KAFKA_TOPIC_PREFIX: prefix, NOTICE_DISPATCH_INTERVAL_MS: '3600000' },
      { db: system.planning.db },
    );
    const { body } = await accepting
      .as('planner')
      .post('/upgrades/restart-1/notices')
      .send(notice('before'))
      .expect(200);
    await accepting.close();
    await hasEvent('restart-1', 'NoticeDelivered');
    expect(system.receiver.received.filter((r) => r.event.data.noticeId === body.noticeId)).toHaveLength(1);
  });

  /** Approved and scheduled two days ahead. */
  async function readyPlanUpToWindow(upgradeId: string, assetId: string) {
    await approvedPlan(system.planning, upgradeId, assetId);
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const window = { startsAt: startsAt.toISOString(), endsAt: new Date(+startsAt + 6 * 3_600_000).toISOString() };
    await as('planner')
      .put(`/upgrades/${upgradeId}/window`)
      .send({ ...window, estimates: windowEstimates })
      .expect(200);
  }
});
