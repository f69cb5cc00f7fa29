// Act 4: the change calendar pushes the first-choice window; the plan becomes ready in another.
import { ok, refusal, until } from '../client.mjs';
import { noticeDelivered } from '../notice-receiver.mjs';
import { SITES } from './waves.mjs';

const minutesFromNow = (m) => new Date(Date.now() + m * 60_000).toISOString();

/**
 * Returns the window the upgrade is ready in: the one its waves were planned in (waves.mjs),
 * opening at `schedule.opensAt` and lasting as long as the second wave's.
 */
export async function scheduleWindows({ api, log, upgradeId, id, schedule }) {
  log('4. The change calendar: a freeze pushes the first-choice window');
  await ok(
    api.approver.POST('/calendar/freezes', {
      body: {
        freezeId: id('freeze'),
        kind: 'freeze',
        name: 'year-end closing',
        startsAt: minutesFromNow(24 * 60),
        endsAt: minutesFromNow(48 * 60),
        scope: { all: false, sites: SITES },
        reason: 'financial closing',
      },
    }),
  );
  // The demo's scratch databases back up, upgrade and restore in seconds: a minute to decide and
  // one to roll back is what each wave's window then keeps for a rollback (waves.mjs).
  const estimates = {
    preparation: 5,
    finalBackup: 5,
    upgrade: 10,
    verification: 5,
    repairBuffer: 5,
    rollbackDecision: 1,
    rollbackExecution: 1,
  };
  const refused = await refusal(
    api.planner.PUT('/upgrades/{upgradeId}/window', {
      params: { path: { upgradeId } },
      body: { startsAt: minutesFromNow(26 * 60), endsAt: minutesFromNow(28 * 60), estimates },
    }),
    422,
  );
  log(`   first choice refused: ${refused.detail}`);
  const window = { startsAt: schedule.opensAt, endsAt: schedule.endsAt };
  if (Date.parse(window.startsAt) <= Date.now() + 3000)
    throw new Error(`preparing took too long: the window planned for ${window.startsAt} opens now; give a longer lead`);
  // Support on call for the whole window, as the plan requires: the planner arranges it with
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
  await noticeDelivered(api, upgradeId, 'communication');
  // Ready once planning has heard monitoring's baselines (act 3) through Kafka: the
  // monitoring-baseline gate asks for one per trigger metric, captured before the window.
  await until('planning to hear the baselines', () =>
    ok(api.planner.POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId } } })).then(() => true),
  );
  log(`   ready for execution in the window ${window.startsAt} – ${window.endsAt}`);
  return window;
}
