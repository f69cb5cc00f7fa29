// Act 4: the change calendar pushes the first-choice window; both plans become ready in another.
import { ok, refusal, until } from '../client.mjs';
import { noticeDelivered } from '../notice-receiver.mjs';

const minutesFromNow = (m) => new Date(Date.now() + m * 60_000).toISOString();

/** Returns the window both upgrades are ready in, opening `windowLeadSeconds` from now. */
export async function scheduleWindows({ api, log, upgrades, id, windowLeadSeconds }) {
  log('4. The change calendar: a freeze pushes the first-choice window');
  await ok(
    api.approver.POST('/calendar/freezes', {
      body: {
        freezeId: id('freeze'),
        kind: 'freeze',
        name: 'year-end closing',
        startsAt: minutesFromNow(24 * 60),
        endsAt: minutesFromNow(48 * 60),
        scope: { all: false, sites: ['berlin', 'hamburg'] },
        reason: 'financial closing',
      },
    }),
  );
  const estimates = {
    preparation: 10,
    finalBackup: 10,
    upgrade: 20,
    verification: 15,
    repairBuffer: 10,
    rollbackDecision: 5,
    rollbackExecution: 20,
  };
  const refused = await refusal(
    api.planner.PUT('/upgrades/{upgradeId}/window', {
      params: { path: { upgradeId: upgrades.berlin } },
      body: { startsAt: minutesFromNow(26 * 60), endsAt: minutesFromNow(28 * 60), estimates },
    }),
    422,
  );
  log(`   first choice refused: ${refused.detail}`);
  const window = {
    startsAt: new Date(Date.now() + windowLeadSeconds * 1000).toISOString(),
    endsAt: minutesFromNow(125),
  };
  // Support on call for the whole window, as the plans require: the planner arranges it with
  // oscar (DBA) and carol (application owner); nobody records their own shift.
  for (const [role, principal] of [
    ['dba', 'oscar'],
    ['application-owner', 'carol'],
  ])
    await ok(
      api.planner.POST('/roster/shifts', {
        body: {
          shiftId: id(`${role}-on-call`),
          role,
          principal,
          startsAt: minutesFromNow(0),
          endsAt: minutesFromNow(180),
        },
      }),
    );
  log('   support on call for the window: oscar as DBA, carol as application owner');
  for (const upgradeId of Object.values(upgrades)) {
    await ok(
      api.planner.PUT('/upgrades/{upgradeId}/window', {
        params: { path: { upgradeId } },
        body: { ...window, estimates },
      }),
    );
    // Requested now and delivered to the users' endpoint (the receiver in this process): it counts
    // from delivery. The demo's systems configure a lead time of zero (NOTICE_LEAD_TIMES in
    // scripts/start.sh and test/e2e/system.ts), so delivered before the window is in time.
    await ok(
      api.planner.POST('/upgrades/{upgradeId}/notices', {
        params: { path: { upgradeId } },
        body: {
          phase: 'before',
          userGroups: ['sales', 'finance'],
          channel: 'email',
          message: {
            expectedTime: window.startsAt,
            serviceImpact: 'order entry paused',
            contact: 'ops desk',
            avoid: 'do not start month-end reports',
          },
        },
      }),
    );
  }
  // Both notices are out before either is awaited: each must arrive before the window opens.
  await Promise.all(Object.values(upgrades).map((u) => noticeDelivered(api, u, 'communication')));
  // Ready once planning has heard monitoring's baselines (act 3) through Kafka: the
  // monitoring-baseline gate asks for one per trigger metric, captured before the window. Both
  // windows are scheduled first, so that waiting here never makes a window start in the past.
  for (const upgradeId of Object.values(upgrades)) {
    await until('planning to hear the baselines', () =>
      ok(api.planner.POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId } } })).then(() => true),
    );
  }
  log(`   both ready for execution in the window ${window.startsAt} – ${window.endsAt}`);
  return window;
}
