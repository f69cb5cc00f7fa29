import { expectProblem, withoutEvents } from '../support/problems.js';
import { approvedPlan, startPlanning, type PlanningSystem } from './support/plan-over-http.js';

// The people the rollback plan names act themselves: the decision owner accepts the role, an
// approver acknowledges a change that cannot be rolled back. A typed name no longer counts.

describe('planning: the rollback plan’s people are principals', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'approver' | 'approver2' | 'operator' | 'observer') => system.planning.as(role);
  const rollbackPlan = (over: Record<string, unknown> = {}) => ({
    decisionOwner: 'oscar',
    triggers: [{ kind: 'acceptance-failure', mode: 'automatic' }],
    steps: ['restore snapshot'],
    estimatedMinutes: 60,
    dataLossExposure: 'none',
    reversibility: 'forward-fix-only',
    ...over,
  });
  const rollbackGate = async () =>
    (await as('observer').get('/upgrades/people-1/gates').expect(200)).body.gates.find(
      (g: { gate: string }) => g.gate === 'rollback',
    );

  beforeAll(async () => {
    system = await startPlanning(['people-db']);
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'people-1',
        title: 'people-db to 16.2',
        category: 'end-of-support',
        purpose: 'move people-db to a supported release',
        targets: [{ assetId: 'people-db', toVersion: '16.2' }],
      })
      .expect(201);
    await as('planner').put('/upgrades/people-1/rollback-plan').send(rollbackPlan()).expect(200);
  }, 90_000);
  afterAll(() => system.close());

  it('refuses a rollback plan without triggers', async () => {
    const response = await withoutEvents(system.planning, () =>
      as('planner')
        .put('/upgrades/people-1/rollback-plan')
        .send(rollbackPlan({ triggers: [] })),
    );
    expectProblem(response, 400, 'triggers', 'arrayMinSize');
  });

  it('no longer takes a typed acknowledgement', async () => {
    const response = await withoutEvents(system.planning, () =>
      as('planner')
        .put('/upgrades/people-1/rollback-plan')
        .send(rollbackPlan({ irreversibleAcknowledgedBy: 'carol' })),
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('irreversibleAcknowledgedBy');
  });

  it('fails the rollback gate until the decision owner and an approver acted, with the fix', async () => {
    expect(await rollbackGate()).toMatchObject({
      status: 'failed',
      missing: [
        'oscar accepting the rollback decision',
        'an approver acknowledging that the change cannot be rolled back',
      ],
      fix: expect.stringContaining('oscar: POST /upgrades/{id}/rollback-plan/decision-owner'),
    });
  });

  it('refuses the decision owner’s role accepted by somebody else', async () => {
    const refused = await withoutEvents(system.planning, () =>
      as('planner').post('/upgrades/people-1/rollback-plan/decision-owner').send({ accept: true }).expect(403),
    );
    expect(refused.body.detail).toBe('only oscar, the decision owner the rollback plan names, can accept that role');
  });

  it('takes the irreversible change’s acknowledgement from approvers only', async () => {
    await withoutEvents(system.planning, () =>
      as('planner').post('/upgrades/people-1/irreversible-acknowledgements').expect(403),
    );
  });

  it('passes the rollback gate once oscar accepted and carol acknowledged, and asks again after a replaced plan', async () => {
    await as('operator').post('/upgrades/people-1/rollback-plan/decision-owner').send({ accept: true }).expect(200);
    await as('approver2').post('/upgrades/people-1/irreversible-acknowledgements').expect(200);
    expect((await rollbackGate()).status).toBe('passed');
    await as('planner').put('/upgrades/people-1/rollback-plan').send(rollbackPlan()).expect(200);
    expect((await rollbackGate()).missing).toHaveLength(2);
  });

  it('refuses an acknowledgement of a reversible plan', async () => {
    await approvedPlan(system.planning, 'people-2', 'people-db');
    const refused = await withoutEvents(system.planning, () =>
      as('approver').post('/upgrades/people-2/irreversible-acknowledgements').expect(400),
    );
    expect(refused.body.detail).toContain(
      'the rollback plan is reversible: there is no irreversible change to acknowledge',
    );
  });
});
