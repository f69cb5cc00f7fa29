import { eventually } from '../support/environment.js';
import { emergencyOverride } from '../support/fixtures/emergency-plan.js';
import { walkPages } from '../support/pages.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { devToken } from '@upgrade-control/platform/testing/http';
import {
  executedToMonitoring,
  gatePasses,
  notice,
  readyPlan,
  report,
  startPlanning,
  statusBecomes,
  type PlanningSystem,
} from './support/plan-over-http.js';

// An emergency owes a post-implementation review once its execution finished: an approver other
// than the requester closes it, the upgrade closes only after it, and what is open is listed.

const DAYS = 3;
const emergency = { proposal: { urgencyOverride: emergencyOverride } };
const review = (followUps: Record<string, unknown>[] = []) => ({
  findings: 'the hotfix went in without a tested rollback',
  rootCause: 'an exploited CVE left no time for the standard path',
  lessons: 'keep a rehearsed rollback at hand',
  followUps,
});
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
/** Three follow-ups, the last two due at the same time: the page order breaks that tie by number. */
const pagedFollowUps = [
  { action: 'document the hotfix', owner: 'oscar', dueAt: '2099-02-01T00:00:00.000Z' },
  { action: 'rehearse the rollback', owner: 'oscar', dueAt: '2099-01-01T00:00:00.000Z' },
  { action: 'patch the replica', owner: 'oscar', dueAt: '2099-01-01T00:00:00.000Z' },
];

describe('planning: the post-implementation review of an emergency change', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'approver' | 'operator' | 'observer' | 'auditor') => system.planning.as(role);
  const events = (upgradeId: string) => system.planning.store.readStream(`upgrade-${upgradeId}`);
  const reviewPath = (upgradeId: string) => `/upgrades/${upgradeId}/post-implementation-review`;
  /** The ready emergency, executed into monitoring, until its review fell due. */
  const monitoredEmergency = async (upgradeId: string, assetId: string) => {
    await readyPlan(system.planning, upgradeId, assetId, emergency);
    const before = Date.now();
    await executedToMonitoring(system.planning, upgradeId);
    await eventually(
      async () => (await events(upgradeId)).some((e) => e.type === 'PostImplementationReviewDue'),
      30_000,
      'the review to fall due',
    );
    return before;
  };

  beforeAll(async () => {
    system = await startPlanning(['pir-db', 'pir-close-db', 'pir-early-db', 'pir-planned-db', 'pir-page-db'], {
      POST_IMPLEMENTATION_REVIEW_DAYS: String(DAYS),
    });
  }, 90_000);
  afterAll(() => system.close());

  it('falls due the policy’s days after execution finished, listed as open and failing its gate with the fix', async () => {
    const before = await monitoredEmergency('pir-1', 'pir-db');
    const due = (await events('pir-1')).find((e) => e.type === 'PostImplementationReviewDue')!;
    const dueAt = Date.parse((due.payload as { dueAt: string }).dueAt);
    expect(dueAt).toBeGreaterThanOrEqual(before + DAYS * 86_400_000 - 1000);
    expect(dueAt).toBeLessThanOrEqual(Date.now() + DAYS * 86_400_000);

    const { body: open } = await as('observer').get('/post-implementation-reviews?status=open').expect(200);
    expect(open.items).toContainEqual(
      expect.objectContaining({ upgradeId: 'pir-1', title: 'pir-db to 16.2', overdue: false, closedBy: null }),
    );
    const { body: gates } = await as('auditor').get('/upgrades/pir-1/gates').expect(200);
    expect(gates.gates.find((g: { gate: string }) => g.gate === 'post-implementation-review')).toMatchObject({
      status: 'failed',
      missing: [`a post-implementation review closed by an approver (due ${new Date(dueAt).toISOString()})`],
      fix: expect.stringContaining('POST /upgrades/{id}/post-implementation-review'),
    });
  });

  it('lists open reviews in pages by due date, each once, the last without next', async () => {
    await monitoredEmergency('pir-5', 'pir-page-db');
    const pages = await walkPages<{ upgradeId: string }>(as('observer'), '/post-implementation-reviews?limit=1');
    expect(pages.map((page) => page.map((r) => r.upgradeId))).toEqual([['pir-1'], ['pir-5']]);
  });

  it('refuses a bad limit or a cursor of another list with 400 naming the field', async () => {
    expectProblem(await as('observer').get('/post-implementation-reviews?limit=0'), 400, 'limit', 'min');
    expectProblem(await as('observer').get('/post-implementation-reviews/follow-ups?limit=201'), 400, 'limit', 'max');
    const { body } = await as('observer').get('/post-implementation-reviews?limit=1').expect(200);
    const followUps = `/post-implementation-reviews/follow-ups?cursor=${body.next}`;
    expectProblem(await as('observer').get(followUps), 400, 'cursor', 'cursor');
    expectProblem(await as('observer').get('/post-implementation-reviews?cursor=x.y'), 400, 'cursor', 'cursor');
  });

  it('refuses a reviewer who is not an approver', async () => {
    const refused = await withoutEvents(system.planning, () =>
      as('planner').post(reviewPath('pir-1')).send(review()).expect(403),
    );
    expect(refused.body.detail).toBe('role planner may not do this; allowed: approver');
  });

  it('refuses the requester as reviewer, even with an approver’s role', async () => {
    const refused = await withoutEvents(system.planning, async () =>
      system.planning.anonymous
        .post(reviewPath('pir-1'))
        .set('authorization', `Bearer ${await devToken('alice', 'approver')}`)
        .send(review())
        .expect(403),
    );
    expect(refused.body.detail).toBe(
      'separation of duties: alice requested this upgrade and cannot close its post-implementation review',
    );
  });

  it('refuses a follow-up without an owner, naming it', async () => {
    const refused = await withoutEvents(system.planning, () =>
      as('approver')
        .post(reviewPath('pir-1'))
        .send(review([{ action: 'patch the replica', dueAt: inAWeek() }]))
        .expect(400),
    );
    expectProblem(refused, 400, 'followUps[0].owner', 'owner-required');
  });

  it('refuses a follow-up without a due date, naming it', async () => {
    const refused = await withoutEvents(system.planning, () =>
      as('approver')
        .post(reviewPath('pir-1'))
        .send(review([{ action: 'patch the replica', owner: 'oscar' }]))
        .expect(400),
    );
    expectProblem(refused, 400, 'followUps[0].dueAt', 'due-date-required');
  });

  it('is closed by an approver; its follow-up is listed open, then overdue once its due date passed', async () => {
    const dueSoon = new Date(Date.now() + 1500).toISOString();
    await as('approver')
      .post(reviewPath('pir-1'))
      .send(review([{ action: 'rehearse the rollback', owner: 'oscar', dueAt: dueSoon }]))
      .expect(200);
    const { body: open } = await as('observer').get('/post-implementation-reviews').expect(200);
    expect(open.items.map((r: { upgradeId: string }) => r.upgradeId)).not.toContain('pir-1');
    const { body: followUps } = await as('observer').get('/post-implementation-reviews/follow-ups').expect(200);
    expect(followUps.items).toContainEqual(
      expect.objectContaining({ upgradeId: 'pir-1', followUp: 1, owner: 'oscar', doneAt: null }),
    );
    // Overdue is judged at query time, by the server's clock.
    await eventually(
      async () =>
        (await as('observer').get('/post-implementation-reviews/follow-ups?status=overdue')).body.items.some(
          (f: { upgradeId: string; overdue: boolean }) => f.upgradeId === 'pir-1' && f.overdue,
        ),
      10_000,
      'the follow-up to be overdue',
    );
  });

  it('refuses to close the review twice', async () => {
    const refused = await withoutEvents(system.planning, async () =>
      system.planning.as('approver2').post(reviewPath('pir-1')).send(review()).expect(409),
    );
    expect(refused.body.detail).toBe('the post-implementation review was already closed by bob');
  });

  it('has its follow-up marked done by the owner only', async () => {
    const done = '/upgrades/pir-1/post-implementation-review/follow-ups/1/done';
    const refused = await withoutEvents(system.planning, () => as('approver').post(done).expect(403));
    expect(refused.body.detail).toBe("only oscar, the follow-up's owner, marks follow-up 1 done");
    await as('operator').post(done).expect(200);
    const { body: open } = await as('observer').get('/post-implementation-reviews/follow-ups').expect(200);
    expect(open.items.map((f: { upgradeId: string }) => f.upgradeId)).not.toContain('pir-1');
  });

  it('holds the close until the review is closed, then closes with it', async () => {
    await monitoredEmergency('pir-2', 'pir-close-db');
    await as('planner').post('/upgrades/pir-2/notices').send(notice('after')).expect(200);
    // Users are told once the notice is delivered (ADR 13): then only the review is left to wait for.
    await gatePasses(system.planning, 'pir-2', 'after-notice');
    await report(system.planning, 'monitoring', 'StabilityConfirmed', 'pir-2', {
      confirmedAt: new Date().toISOString(),
    });
    await eventually(
      async () => (await events('pir-2')).some((e) => e.type === 'UpgradeCloseHeld'),
      30_000,
      'the close to be held',
    );
    expect((await events('pir-2')).find((e) => e.type === 'UpgradeCloseHeld')!.payload).toMatchObject({
      missing: [expect.stringMatching(/^a post-implementation review closed by an approver \(due /)],
    });

    await as('approver').post(reviewPath('pir-2')).send(review(pagedFollowUps)).expect(200);
    await statusBecomes(system.planning, 'pir-2', 'Closed');
    expect((await events('pir-2')).slice(-2).map((e) => e.type)).toEqual([
      'PostImplementationReviewClosed',
      'UpgradeClosed',
    ]);
  });

  it('lists open follow-ups in pages by due date, ties by number, each once, the last without next', async () => {
    const pages = await walkPages<{ upgradeId: string; followUp: number }>(
      as('observer'),
      '/post-implementation-reviews/follow-ups?limit=2',
    );
    expect(pages.map((page) => page.map((f) => `${f.upgradeId}#${f.followUp}`))).toEqual([
      ['pir-2#2', 'pir-2#3'],
      ['pir-2#1'],
    ]);
  });

  it('refuses a review before execution finished: it is not due yet', async () => {
    await readyPlan(system.planning, 'pir-3', 'pir-early-db', emergency);
    const refused = await withoutEvents(system.planning, () =>
      as('approver').post(reviewPath('pir-3')).send(review()).expect(409),
    );
    expect(refused.body.detail).toBe(
      'the post-implementation review is not due yet: it falls due once execution finishes (the upgrade is ReadyForExecution)',
    );
  });

  it('refuses a review of a change that is not an emergency', async () => {
    await readyPlan(system.planning, 'pir-4', 'pir-planned-db');
    const refused = await withoutEvents(system.planning, () =>
      as('approver').post(reviewPath('pir-4')).send(review()).expect(409),
    );
    expect(refused.body.detail).toBe(
      'upgrade pir-4 is planned, not an emergency: it owes no post-implementation review',
    );
  });
});
