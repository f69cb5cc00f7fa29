import { SERVICES } from '@upgrade-control/contracts';
import { roleClients } from '../../scripts/demo/client.mjs';
import { DEMO_DEPLOYMENT_ENV } from '../../scripts/service-process.mjs';
import { subscribeReceiver } from '../../scripts/demo/notice-receiver.mjs';
import { namesFor } from '../../scripts/demo/walkthrough.mjs';
import { run } from '../context.mjs';
import { PHASES, phaseSummary } from '../lifecycle/phases.mjs';
import { sightings } from '../lifecycle/sightings.mjs';
import { driveUpgrade } from '../lifecycle/upgrade.mjs';
import { report } from '../measure.mjs';
import { startService } from '../service.mjs';

// Issue 19, part 4: whole upgrades. Two cores carry six in flight in about three minutes.
const UPGRADES = Number(process.env.BENCH_UPGRADES ?? 6);
// The policy's minimum below (MONITORING_MINIMUM_MINUTES): a minute of watching after acceptance.
const MONITORING_MINUTES = 1;
// Time from the window's scheduling to its opening: the rest of readiness (roster, notice, ready).
const WINDOW_LEAD_SECONDS = 10;

/**
 * Upgrades carried from proposal to closed per minute, with UPGRADES in flight at once through the
 * four services as processes, sharing one topic namespace, each with its own database. Each
 * upgrade is driven through the public APIs by the demo's client and acts (../lifecycle/upgrade.mjs);
 * its phases are timed on the client's clock. Met when every upgrade reached closed.
 */
export async function lifecycleBench() {
  const running = [];
  let stopFollowing = () => {};
  let unsubscribe = async () => {};
  try {
    for (const service of SERVICES)
      running.push(
        await startService(service, `lifecycle_${service}`, { topics: 'lifecycle', env: DEMO_DEPLOYMENT_ENV }),
      );
    const api = roleClients(Object.fromEntries(SERVICES.map((service, i) => [service, running[i].url])));
    // One receiver endpoint per user group for the whole run: every upgrade's notices reach it.
    unsubscribe = await subscribeReceiver({ api, groups: ['sales', 'finance'], log: () => undefined });
    // Each tag unique to the run: asset ids, rules and scratch databases are suffixed with it.
    const tags = Array.from({ length: UPGRADES }, (_, i) => `${run.slice('bench_'.length)}-${i}`);
    const { sighted, stop } = sightings(api, {
      upgradeIds: new Set(tags.map((tag) => namesFor(tag).upgradeId)),
      types: ['StabilityConfirmed', 'UpgradeClosed'],
      timeoutMs: (MONITORING_MINUTES + 2) * 60_000,
    });
    stopFollowing = stop;
    const marks = tags.map(() => ({}));
    const lost = [];
    const started = Date.now();
    await Promise.all(
      tags.map((tag, i) =>
        driveUpgrade({
          api,
          tag,
          marks: marks[i],
          sighted,
          windowLeadSeconds: WINDOW_LEAD_SECONDS,
          monitoringMinutes: MONITORING_MINUTES,
        }).catch((error) => lost.push(`${tag} stopped after ${lastMark(marks[i])}: ${error.message}`)),
      ),
    );
    const minutes = (Date.now() - started) / 60_000;
    const closed = marks.filter((m) => m.closed !== undefined).length;
    report(
      'lifecycle',
      closed / minutes,
      'upgrades/min',
      null,
      'reported',
      closed === UPGRADES,
      `${closed}/${UPGRADES} closed of ${UPGRADES} in flight at once in ${Math.round(minutes * 60)} s; ` +
        `${phaseSummary(marks)}` +
        (lost.length ? `; not closed: ${lost.join('; ')}` : ''),
    );
  } finally {
    stopFollowing();
    await unsubscribe().catch(() => undefined);
    for (const service of running.reverse()) await service.stop();
  }
}

/** The last mark an upgrade reached, to say where a lost one stopped. */
const lastMark = (marks) => [...PHASES].reverse().find(([, , to]) => marks[to] !== undefined)?.[2] ?? 'started';
