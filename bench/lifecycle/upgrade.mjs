// One upgrade of the lifecycle bench, from its assets to closed, through the public APIs with the
// demo's client and acts: the demo's plan without its waves and its metric analysis, the simplest
// lifecycle the rule book allows (every gate is still passed), closed instead of rolled back.
import { ok, until } from '../../scripts/demo/client.mjs';
import { registerInventory } from '../../scripts/demo/acts/inventory.mjs';
import { planUpgrades } from '../../scripts/demo/acts/plans.mjs';
import { captureBaselines } from '../../scripts/demo/acts/baselines.mjs';
import { scheduleWindows } from '../../scripts/demo/acts/calendar.mjs';
import { rolloutSchedule } from '../../scripts/demo/acts/waves.mjs';
import { execute } from '../../scripts/demo/acts/execution.mjs';
import { startCollector } from '../../scripts/demo/acts/collector.mjs';
import { noticeDelivered } from '../../scripts/demo/notice-receiver.mjs';
import { namesFor, windowOpen } from '../../scripts/demo/walkthrough.mjs';

const quiet = () => undefined;

/**
 * Drives the upgrade of `tag` and sets its marks (phases.mjs) on the client's clock as it goes,
 * so that an upgrade that fails midway still shows how far it got. `sighted(upgradeId, type)`
 * resolves with the time the event was first seen on monitoring's live stream, or rejects at the
 * deadline. `windowLeadSeconds`: the window opens that long after it is scheduled (the wait phase).
 * @param {{ api: import('../../scripts/demo/client.mjs').RoleClients, tag: string,
 *   marks: Record<string, number>, sighted: (upgradeId: string, type: string) => Promise<number>,
 *   windowLeadSeconds: number, monitoringMinutes: number }} options
 */
export async function driveUpgrade({ api, tag, marks, sighted, windowLeadSeconds, monitoringMinutes }) {
  const { id, upgradeId } = namesFor(tag);
  const log = quiet;
  marks.started = Date.now();
  await registerInventory({ api, log, tag, id });
  // No schedule: the plan is not staged in waves, so the window is fixed only when it is scheduled.
  await planUpgrades({ api, log, upgradeId, id, monitoringMinutes, metrics: null });
  await captureBaselines({ api, log, upgradeId, id });
  const schedule = rolloutSchedule(Date.now() + windowLeadSeconds * 1000);
  const window = await scheduleWindows({ api, log, upgradeId, id, schedule });
  marks.ready = Date.now();
  await windowOpen(window);
  marks.open = Date.now();
  // The rollback trigger watches every target's error rate: silence would be a finding and extend
  // the monitoring period, so the collector reports from the window on.
  const collector = startCollector({ api, id });
  try {
    const acceptance = await execute(api, upgradeId, { tag });
    if (acceptance !== 'passed') throw new Error(`acceptance ${acceptance}`);
    marks.accepted = Date.now();
    await tellUsersAfter(api, upgradeId);
    marks.stable = await sighted(upgradeId, 'StabilityConfirmed');
  } finally {
    await collector.stop();
  }
  // Planning closes the upgrade when it hears monitoring confirmed stability (the users were told).
  marks.closed = await sighted(upgradeId, 'UpgradeClosed');
  const { status } = await ok(api.observer.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId } } }));
  if (status !== 'Closed') throw new Error(`planning has it ${status} after UpgradeClosed`);
}

/**
 * The after-upgrade notice, which closing waits for: requested once planning follows the
 * execution (it is refused before), and delivered to the bench's receiver.
 */
async function tellUsersAfter(api, upgradeId) {
  await until('planning to follow the execution', () =>
    ok(
      api.planner.POST('/upgrades/{upgradeId}/notices', {
        params: { path: { upgradeId } },
        body: {
          phase: 'after',
          userGroups: ['sales', 'finance'],
          channel: 'email',
          message: { availableAgain: true, contact: 'ops desk' },
        },
      }),
    ).then(() => true),
  );
  await noticeDelivered(api, upgradeId, 'after-notice');
}
