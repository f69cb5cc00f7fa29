// One realistic upgrade, through the public APIs only: PostgreSQL 15 → 16 at three sites, staged in
// waves (issue 18): Berlin's pilot, then Hamburg and Munich. Each act is a module of ./acts; this
// file strings them together for the demo and the tests.
import { follow, roleClients, services, sleep } from './client.mjs';
import { registerInventory } from './acts/inventory.mjs';
import { planUpgrades } from './acts/plans.mjs';
import { scheduleWindows } from './acts/calendar.mjs';
import { captureBaselines } from './acts/baselines.mjs';
import { execute } from './acts/execution.mjs';
import { promoteWhenBaked, rolloutSchedule, SECOND } from './acts/waves.mjs';
import { monitorUntilRolledBack } from './acts/monitoring.mjs';
import { startCollector } from './acts/collector.mjs';
import { closeAndAudit } from './acts/closing.mjs';
import { subscribeReceiver } from './notice-receiver.mjs';
import { demoMetrics, demoPrometheus, pushed } from './metrics.mjs';

export { execute, promoteWhenBaked, SECOND };

/** The run's names, suffixed with its tag so that runs never collide. */
export function namesFor(tag) {
  const id = (name) => `${name}-${tag}`;
  return { id, upgradeId: id('pg16-orders') };
}

/**
 * Steps 1–4: inventory, the plan and its waves through every gate, baselines (readiness asks for
 * them, from a period before the window), a freeze that pushes the window. Returns when the upgrade
 * is ready for execution in a window opening `windowLeadSeconds` after this call (the waves' windows
 * are fixed while the plan is a draft, so the lead covers the preparation too), and the function
 * that removes the users' notice endpoints it registered. `api` is the caller's role clients
 * (roleClients); `metrics` how Hamburg's analysis reads its error ratio (demoMetrics; pushed samples
 * by default; null: the plan defines no analysis, and its threshold trigger is what watches Hamburg).
 * @param {{ api: import('./client.mjs').RoleClients, log: (line: string) => void, tag: string,
 *   monitoringMinutes: number, windowLeadSeconds: number, pilotMinutes?: number,
 *   metrics?: Awaited<ReturnType<typeof demoMetrics>> | null }} options
 */
export async function prepareUpgrades({
  api,
  log,
  tag,
  monitoringMinutes,
  windowLeadSeconds,
  pilotMinutes,
  metrics = pushed(),
}) {
  const schedule = rolloutSchedule(Date.now() + windowLeadSeconds * 1000, pilotMinutes);
  const { id, upgradeId } = namesFor(tag);
  log("0. The users' notice endpoint: a receiver in this process, subscribed for sales and finance");
  const unsubscribe = await subscribeReceiver({ api, groups: ['sales', 'finance'], log });
  await registerInventory({ api, log, tag, id });
  await planUpgrades({ api, log, upgradeId, id, monitoringMinutes, metrics, schedule });
  await captureBaselines({ api, log, upgradeId, id });
  const window = await scheduleWindows({ api, log, upgradeId, id, schedule });
  return { upgradeId, window, schedule, id, unsubscribe };
}

/** Waits for the plan's window (only the clock opens it), when the pilot's window opens too. */
export const windowOpen = (window) => sleep(Math.max(0, Date.parse(window.startsAt) - Date.now() + 500));

export async function runDemo({
  urls = services(),
  log = console.log,
  tag = Date.now().toString(36),
  monitoringMinutes = 2,
  windowLeadSeconds = 30,
  // The role clients of the whole run, built once (a test passes its own).
  api = roleClients(urls),
  // The Prometheus that scrapes the demo's exporter, and the exporter's port (a test passes its own).
  prometheus = demoPrometheus(),
} = {}) {
  const { id, upgradeId } = namesFor(tag);
  const metrics = await demoMetrics({ ...prometheus, assetId: id('pg-hamburg'), site: 'hamburg' });
  log(
    `   Hamburg's error ratio is read from ${metrics.provider === 'prometheus' ? 'Prometheus' : 'pushed samples'}: ${metrics.reason}`,
  );
  const stopFollowing = follow(
    api,
    (e) =>
      log(
        `  ⤷ ${e.producer.padEnd(10)} ${e.type}${e.payload.wave ? ` [${e.payload.wave}]` : ''}${e.payload.reason ? ` — ${e.payload.reason}` : ''}`,
      ),
    { upgradeIds: new Set([upgradeId]) },
  );
  let unsubscribe = async () => {};
  let collector = null;
  try {
    const prepared = await prepareUpgrades({ api, log, tag, monitoringMinutes, windowLeadSeconds, metrics });
    unsubscribe = prepared.unsubscribe;
    await windowOpen(prepared.window);
    log('5a. The pilot wave inside its window: Berlin’s database and Reportly backed up, applied, accepted');
    await execute(api, upgradeId, { tag });
    // Monitoring watches the pilot from its acceptance: the collector reports from now on.
    collector = startCollector({ api, id });
    log('5b. The pilot bakes a minute; the approver promotes it once it has and the next wave’s window is open');
    await promoteWhenBaked({ api, log, upgradeId, to: SECOND });
    // Hamburg's new version errs from the moment it goes in; its analysis should see that.
    await metrics.degrade();
    collector.degrade();
    log('5c. The second wave: Hamburg and Munich backed up, applied, accepted; the upgrade completes');
    await execute(api, upgradeId, { tag });
    await monitorUntilRolledBack({ api, log, upgradeId, monitoringMinutes, metrics, collector });
    const { record, verify, everything } = await closeAndAudit({ api, log, upgradeId, id });
    return { upgradeId, record, verify, everything };
  } finally {
    await collector?.stop();
    stopFollowing();
    await unsubscribe();
    await metrics.close();
  }
}
