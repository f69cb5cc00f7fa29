// The metric Hamburg's analysis judges (issue 17): its error ratio, served by an exporter in the
// demo's process and read by Prometheus (the one `npm start` runs in development), or, without
// a Prometheus that scrapes the exporter, the error_rate samples the demo pushes.
import { eventually } from '@upgrade-control/client';
import { startMetricExporter } from './metric-exporter.mjs';

export const DEMO_METRIC = 'uc_demo_orders_error_ratio';

/** Where the demo looks: npm start's development Prometheus and the port it scrapes (scripts/start.sh). */
export const demoPrometheus = () => ({
  url: process.env.DEMO_PROMETHEUS_URL ?? `http://127.0.0.1:${process.env.PROMETHEUS_PORT ?? 19090}`,
  exporterPort: Number(process.env.DEMO_EXPORTER_PORT ?? 19464),
});

// A little spread around each level, as a real error ratio has (the rank test needs no more).
const around = (level) => (scrape) => level * (1 + 0.1 * (((scrape * 7) % 5) - 2));
const healthy = around(0.01);
const degraded = around(0.3);

/** Hamburg's analysis on the samples the demo pushes (the tests that only prepare upgrades use this). */
export const pushed = (reason = 'no Prometheus was asked for') => ({
  provider: 'pushed',
  query: 'error_rate',
  reason,
  degrade: async () => {},
  recover: async () => {},
  close: async () => {},
});

async function scraped(url, target, timeoutMs) {
  const answers = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
  if (!answers) return false;
  const query = `${url}/api/v1/query?query=${encodeURIComponent(`up{instance="${target}"}`)}`;
  const up = () =>
    fetch(query, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json())
      .then((body) => body.data?.result?.[0]?.value?.[1] === '1')
      .catch(() => false);
  return eventually('a scrape of the exporter', up, { timeoutMs, everyMs: 500 }).catch(() => false);
}

/**
 * Starts Hamburg's exporter (healthy) and waits up to `timeoutMs` for Prometheus at `url` to scrape
 * it. Answers how the plan's analysis reads the metric, and the release's effect on it: `degrade`
 * when the new version goes in, `recover` once the old one is back.
 * @param {{ url: string, exporterPort: number, assetId: string, site: string, timeoutMs?: number }} options
 */
export async function demoMetrics({ url, exporterPort, assetId, site, timeoutMs = 15_000 }) {
  let exporter;
  try {
    exporter = await startMetricExporter(DEMO_METRIC, { asset_id: assetId, site }, healthy, { port: exporterPort });
  } catch (error) {
    return pushed(`the exporter could not listen on port ${exporterPort} (${error.message})`);
  }
  if (!(await scraped(url, exporter.target, timeoutMs))) {
    await exporter.close();
    return pushed(`no Prometheus at ${url} scrapes ${exporter.target}`);
  }
  return {
    provider: 'prometheus',
    query: `avg(${DEMO_METRIC}{asset_id="{{assetId}}"})`,
    reason: `Prometheus at ${url} scrapes the demo's exporter`,
    degrade: () => exporter.phase(degraded),
    recover: () => exporter.phase(healthy),
    close: () => exporter.close(),
  };
}
