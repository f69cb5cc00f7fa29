import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { walkPages } from '../support/pages.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import {
  approvedPlan,
  gatePasses,
  notice,
  saturdayNight,
  startPlanning,
  type PlanningSystem,
} from './support/plan-over-http.js';

// Support availability: every support role a plan requires is on call for its whole window,
// checked when the window is scheduled and again at ready, since the roster may change.

describe('planning: the support roster', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'approver' | 'operator' | 'observer') => system.planning.as(role);
  const shift = (shiftId: string, startsAt: string, endsAt: string) => ({
    shiftId,
    role: 'dba',
    principal: 'oscar',
    startsAt,
    endsAt,
  });

  beforeAll(async () => {
    system = await startPlanning(['roster-db']);
    // The helper's plan puts oscar on call as its DBA; this plan starts without him.
    await approvedPlan(system.planning, 'roster-1', 'roster-db');
    await as('planner').post('/roster/shifts/dba-roster-1/cancel').send({ reason: 'on leave' }).expect(200);
  }, 90_000);
  afterAll(() => system.close());

  it('lists who is on call in a period', async () => {
    await as('approver')
      .post('/roster/shifts')
      .send(shift('list-1', '2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z'))
      .expect(200);
    const { body } = await as('observer').get('/roster?from=2027-03-01T12:00:00Z&to=2027-03-01T13:00:00Z').expect(200);
    expect(body.next).toBeNull();
    expect(body.items).toEqual([
      {
        shiftId: 'list-1',
        role: 'dba',
        principal: 'oscar',
        startsAt: '2027-03-01T00:00:00.000Z',
        endsAt: '2027-03-02T00:00:00.000Z',
        recordedBy: 'bob',
      },
    ]);
  });

  it('lists the shifts of a period in pages by start, ties by id, each once, the last without next', async () => {
    for (const [id, startsAt] of [
      ['page-c', '2027-04-01T08:00:00Z'],
      ['page-b', '2027-04-01T00:00:00Z'],
      ['page-a', '2027-04-01T00:00:00Z'],
      ['page-x', '2027-04-01T04:00:00Z'],
    ] as const)
      await as('approver')
        .post('/roster/shifts')
        .send(shift(id, startsAt, '2027-04-01T12:00:00Z'))
        .expect(200);
    await as('planner').post('/roster/shifts/page-x/cancel').send({ reason: 'not needed' }).expect(200);
    const pages = await walkPages<{ shiftId: string }>(
      as('observer'),
      '/roster?from=2027-04-01T00:00:00Z&to=2027-04-02T00:00:00Z&limit=2',
    );
    expect(pages.map((page) => page.map((s) => s.shiftId))).toEqual([['page-a', 'page-b'], ['page-c']]);
  });

  it('refuses a bad limit or cursor of the roster with 400 naming the field', async () => {
    const period = 'from=2027-04-01T00:00:00Z&to=2027-04-02T00:00:00Z';
    expectProblem(await as('observer').get(`/roster?${period}&limit=0`), 400, 'limit', 'min');
    const forged = Buffer.from('["yesterday","page-a"]').toString('base64url');
    expectProblem(await as('observer').get(`/roster?${period}&cursor=${forged}`), 400, 'cursor', 'cursor');
  });

  it('refuses a shift recorded by the person on call', async () => {
    const refused = await withoutEvents(system.planning, () =>
      as('planner')
        .post('/roster/shifts')
        .send({ ...shift('self-1', '2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z'), principal: 'alice' })
        .expect(403),
    );
    expect(refused.body.detail).toBe(
      'alice cannot record their own on-call shift: another planner or approver records it',
    );
  });

  it('refuses a window the required DBA is not on call for, naming the uncovered interval', async () => {
    await as('approver')
      .post('/roster/shifts')
      .send(shift('half-1', saturdayNight.startsAt, '2027-01-16T23:00:00Z'))
      .expect(200);
    const refused = await withoutEvents(system.planning, () =>
      as('planner')
        .put('/upgrades/roster-1/window')
        .send({ ...saturdayNight, estimates: windowEstimates })
        .expect(422),
    );
    expect(refused.body.detail).toBe(
      'the maintenance window is refused: somebody on call as dba for 2027-01-16T23:00:00.000Z – 2027-01-17T02:00:00.000Z',
    );
    expect(refused.body.gates[0]).toMatchObject({ gate: 'support-roster', status: 'failed' });
  });

  it('re-checks the roster at ready: a shift cancelled since fails the support-roster gate, with the fix', async () => {
    await as('approver')
      .post('/roster/shifts')
      .send(shift('rest-1', '2027-01-16T23:00:00Z', '2027-01-17T06:00:00Z'))
      .expect(200);
    await as('planner')
      .put('/upgrades/roster-1/window')
      .send({ ...saturdayNight, estimates: windowEstimates })
      .expect(200);
    await as('planner').post('/upgrades/roster-1/notices').send(notice('before')).expect(200);
    await gatePasses(system.planning, 'roster-1', 'communication');
    // Oscar withdraws from the second half himself.
    await as('operator').post('/roster/shifts/rest-1/cancel').send({ reason: 'ill' }).expect(200);
    const refused = await as('planner').post('/upgrades/roster-1/ready').expect(422);
    expect(refused.body.detail).toBe('the upgrade is not ready for execution: support-roster not met');
    expect(refused.body.gates.find((g: { gate: string }) => g.gate === 'support-roster')).toEqual({
      gate: 'support-roster',
      rule: 'Support availability: every support role the plan requires has somebody on call for the whole window.',
      status: 'failed',
      missing: ['somebody on call as dba for 2027-01-16T23:00:00.000Z – 2027-01-17T02:00:00.000Z'],
      fix: 'a planner or approver: POST /roster/shifts for the role over the uncovered interval, or move the window',
    });
  });

  it('pages the calendar: freezes and windows as one list by start, ties by id, each once', async () => {
    // roster-1's window is saturdayNight (20:00–02:00) since the test above.
    const freeze = (freezeId: string, startsAt: string, endsAt: string) => ({
      freezeId,
      kind: 'freeze',
      name: freezeId,
      startsAt,
      endsAt,
      scope: { all: false, sites: ['paging-test-site'] },
      reason: 'paging',
    });
    for (const [id, startsAt, endsAt] of [
      ['z-freeze', '2027-01-16T20:00:00Z', '2027-01-16T22:00:00Z'],
      ['early-freeze', '2027-01-16T10:00:00Z', '2027-01-16T12:00:00Z'],
      ['a-freeze', '2027-01-16T20:00:00Z', '2027-01-16T21:00:00Z'],
    ] as const)
      await as('approver')
        .post('/calendar/freezes')
        .send(freeze(id, startsAt, endsAt))
        .expect(200);
    const pages = await walkPages<string>(
      as('observer'),
      '/calendar?from=2027-01-16T00:00:00Z&to=2027-01-18T00:00:00Z&limit=3',
      (body) => [
        ...(body.freezes as { freezeId: string }[]).map((f) => f.freezeId),
        ...(body.upgrades as { upgradeId: string }[]).map((u) => u.upgradeId),
      ],
    );
    expect(pages).toEqual([['early-freeze', 'a-freeze', 'roster-1'], ['z-freeze']]);
    const period = 'from=2027-01-16T00:00:00Z&to=2027-01-18T00:00:00Z';
    expectProblem(await as('observer').get(`/calendar?${period}&limit=201`), 400, 'limit', 'max');
    expectProblem(await as('observer').get(`/calendar?${period}&cursor=%25`), 400, 'cursor', 'cursor');
  });
});
