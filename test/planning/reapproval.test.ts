import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { approvedPlan, saturdayNight, startPlanning, type PlanningSystem } from './support/plan-over-http.js';

// An approval covers the plan as it stood; a material change after it sends the plan back to approval.

describe('planning: re-approval after a material change', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'approver' | 'approver2' | 'observer' | 'auditor') => system.planning.as(role);
  const gate = async (upgradeId: string, name: string) =>
    (await as('auditor').get(`/upgrades/${upgradeId}/gates`).expect(200)).body.gates.find(
      (g: { gate: string }) => g.gate === name,
    );

  beforeAll(async () => {
    system = await startPlanning(['again-db']);
  }, 90_000);
  afterAll(() => system.close());

  it('sends the plan back on a monitoring period changed after approval, and again on a window moved outside the approved one', async () => {
    await approvedPlan(system.planning, 'again-1', 'again-db');
    const approval = (await system.planning.store.readStream('upgrade-again-1')).at(-1)!;
    expect(approval.payload).toMatchObject({ planVersion: approval.streamVersion - 1 });
    await as('planner')
      .put('/upgrades/again-1/window')
      .send({ ...saturdayNight, estimates: windowEstimates })
      .expect(200);

    await as('planner')
      .put('/upgrades/again-1/monitoring-period')
      .send({ minutes: 2880, reason: 'a full business cycle' })
      .expect(200);
    expect((await as('observer').get('/upgrades/again-1')).body.status).toBe('Submitted');
    expect(await gate('again-1', 'approval')).toMatchObject({
      status: 'failed',
      missing: ['approval again after: monitoring period default → 2880 min'],
      fix: 'an approver: POST /upgrades/{id}/approvals (the approval covers the changed plan)',
    });
    const refused = await as('planner')
      .post('/upgrades/again-1/ready')
      .expect(409)
      .expect('content-type', /problem\+json/);
    expect(refused.body.detail).toBe('MarkReadyForExecution is not allowed while the upgrade is Submitted');
    expect((await system.planning.store.readStream('upgrade-again-1')).at(-1)).toMatchObject({
      type: 'ReapprovalRequired',
      payload: { changes: ['monitoring period default → 2880 min'], approvedVersion: approval.streamVersion - 1 },
    });

    // Approved again, the plan is back in its window; moving it out of that window asks again.
    await as('approver2').post('/upgrades/again-1/approvals').send({ comment: 'longer is fine' }).expect(200);
    expect((await as('observer').get('/upgrades/again-1')).body.status).toBe('Scheduled');
    await as('planner')
      .put('/upgrades/again-1/window')
      .send({ startsAt: '2027-01-23T20:00:00Z', endsAt: '2027-01-24T02:00:00Z', estimates: windowEstimates })
      .expect(200);
    expect((await as('observer').get('/upgrades/again-1')).body.status).toBe('Submitted');
    expect((await gate('again-1', 'approval')).missing).toEqual([
      'approval again after: window 2027-01-23T20:00:00Z – 2027-01-24T02:00:00Z is outside the approved 2027-01-16T20:00:00Z – 2027-01-17T02:00:00Z',
    ]);
  });
});
