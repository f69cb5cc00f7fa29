import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { withoutEvents } from '../support/problems.js';
import { approvedPlan, DRAFTED, startPlanning, type PlanningSystem } from './support/plan-over-http.js';

// The window holds every part of the upgrade and the rollback as the evidence says it takes.

describe('planning: window sizing from evidence', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'auditor') => system.planning.as(role);
  /** A window from a Saturday 20:00 on, this many minutes long. */
  const lasting = (minutes: number) => ({
    startsAt: '2027-01-16T20:00:00.000Z',
    endsAt: new Date(Date.parse('2027-01-16T20:00:00Z') + minutes * 60_000).toISOString(),
  });
  // The parts before the rollback: 30 + 45 + 60 + 45 + 30 + 15 minutes.
  const beforeRollback = 225;
  const estimates = { ...windowEstimates, rollbackExecution: 20 };

  beforeAll(async () => {
    system = await startPlanning(['size-db', 'fits-db']);
  }, 90_000);
  afterAll(() => system.close());

  it('refuses a window the rehearsal measured too short for, naming every part, and writes nothing', async () => {
    await approvedPlan(system.planning, 'size-1', 'size-db');
    const refused = await withoutEvents(system.planning, () =>
      as('planner')
        .put('/upgrades/size-1/window')
        .send({ ...lasting(beforeRollback + 20), estimates })
        .expect(422)
        .expect('content-type', /problem\+json/),
    );
    expect(refused.body.detail).toMatch(
      new RegExp(
        `^the maintenance window is refused: 55 more minutes: the window is 245 min, but preparation 30 \\+ final backup 45 \\+ upgrade 60 \\+ verification 45 \\+ repair buffer 30 \\+ rollback decision 15 \\+ rollback ${DRAFTED.rehearsal} = 300 min \\(rollback: the largest of window estimate 20, rollback plan ${DRAFTED.rollbackEstimate}, rehearsal ${DRAFTED.rehearsal}, restore of \\S+ ${DRAFTED.restore}\\)$`,
      ),
    );
    expect(refused.body.gates[0]).toMatchObject({
      gate: 'maintenance-window',
      fix: 'choose another or a longer window',
    });
  });

  it('accepts a window that holds the measured rollback and sets the decision deadline from it', async () => {
    await approvedPlan(system.planning, 'fits-1', 'fits-db');
    const window = lasting(beforeRollback + DRAFTED.rehearsal);
    await as('planner')
      .put('/upgrades/fits-1/window')
      .send({ ...window, estimates })
      .expect(200);
    const events = await system.planning.store.readStream('upgrade-fits-1');
    expect(events.at(-1)!.payload).toMatchObject({
      rollbackDecisionDeadline: new Date(Date.parse(window.endsAt) - DRAFTED.rehearsal * 60_000).toISOString(),
    });
    const { body } = await as('auditor').get('/upgrades/fits-1/gates').expect(200);
    expect(body.gates.find((g: { gate: string }) => g.gate === 'maintenance-window').status).toBe('passed');
  });
});
