// One realistic upgrade, through the public APIs only: PostgreSQL 15 → 16 at two sites.
// Each act is a module of ./acts; this file strings them together for the demo and the tests.
import { follow, roleClients, services, sleep } from './client.mjs';
import { registerInventory } from './acts/inventory.mjs';
import { planUpgrades } from './acts/plans.mjs';
import { scheduleWindows } from './acts/calendar.mjs';
import { captureBaselines } from './acts/baselines.mjs';
import { execute } from './acts/execution.mjs';
import { monitorUntilRolledBack } from './acts/monitoring.mjs';
import { closeAndAudit } from './acts/closing.mjs';
import { subscribeReceiver } from './notice-receiver.mjs';
import { demoMetrics, demoPrometheus, pushed } from './metrics.mjs';

export { execute };

/** The run's names, suffixed with its tag so that runs never collide. */
function namesFor(tag) {
  const id = (name) => `${name}-${tag}`;
  const upgrades = { berlin: id('pg16-berlin'), hamburg: id('pg16-hamburg') };
  return { id, upgrades };
}

/**
 * Steps 1–4: inventory, two plans through every gate, baselines (readiness asks for them, from a
 * period before the window), a freeze that pushes the window. Returns when both upgrades are ready
 * for execution in a window opening `windowLeadSeconds` from now, and the function that removes the
 * users' notice endpoints it registered. `api` is the caller's role clients (roleClients);
 * `metrics` how Hamburg's analysis reads its error ratio (demoMetrics; pushed samples by default;
 * null: Hamburg's plan defines no analysis, and its threshold trigger is what watches it).
 * @param {{ api: import('./client.mjs').RoleClients, log: (line: string) => void, tag: string,
 *   monitoringMinutes: number, windowLeadSeconds: number,
 *   metrics?: Awaited<ReturnType<typeof demoMetrics>> | null }} options
 */
export async function prepareUpgrades({ api, log, tag, monitoringMinutes, windowLeadSeconds, metrics = pushed() }) {
  const { id, upgrades } = namesFor(tag);
  log("0. The users' notice endpoint: a receiver in this process, subscribed for sales and finance");
  const unsubscribe = await subscribeReceiver({ api, groups: ['sales', 'finance'], log });
  await registerInventory({ api, log, tag, id });
  await planUpgrades({ api, log, upgrades, id, monitoringMinutes, metrics });
  await captureBaselines({ api, log, upgrades, id });
  const window = await scheduleWindows({ api, log, upgrades, id, windowLeadSeconds });
  return { upgrades, window, id, unsubscribe };
}

export async function runDemo({
  urls = services(),
  log = console.log,
  tag = Date.now().toString(36),
  monitoringMinutes = 2,
  windowLeadSeconds = 40,
  // The role clients of the whole run, built once (a test passes its own).
  api = roleClients(urls),
  // The Prometheus that scrapes the demo's exporter, and the exporter's port (a test passes its own).
  prometheus = demoPrometheus(),
} = {}) {
  const { id, upgrades } = namesFor(tag);
  const metrics = await demoMetrics({ ...prometheus, assetId: id('pg-hamburg'), site: 'hamburg' });
  log(
    `   Hamburg's error ratio is read from ${metrics.provider === 'prometheus' ? 'Prometheus' : 'pushed samples'}: ${metrics.reason}`,
  );
  const stopFollowing = follow(
    api,
    (e) => log(`  ⤷ ${e.producer.padEnd(10)} ${e.type}${e.payload.reason ? ` — ${e.payload.reason}` : ''}`),
    { upgradeIds: new Set(Object.values(upgrades)) },
  );
  let unsubscribe = async () => {};
  try {
    const prepared = await prepareUpgrades({ api, log, tag, monitoringMinutes, windowLeadSeconds, metrics });
    const { window } = prepared;
    unsubscribe = prepared.unsubscribe;
    log('5. Execution inside the window');
    await sleep(Math.max(0, Date.parse(window.startsAt) - Date.now() + 500));
    for (const [site, upgradeId] of Object.entries(upgrades)) {
      // Hamburg's new version errs from the moment it goes in; its analysis should see that.
      if (site === 'hamburg') await metrics.degrade();
      await execute(api, upgradeId, { site, tag });
    }

    await monitorUntilRolledBack({ api, log, upgrades, id, monitoringMinutes, metrics });
    const { record, verify, everything } = await closeAndAudit({ api, log, upgrades, id });
    return { upgrades, record, verify, everything };
  } finally {
    stopFollowing();
    await unsubscribe();
    await metrics.close();
  }
}
