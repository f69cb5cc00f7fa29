// A local Prometheus (Debian's package; scripts/ensure-debian-package.sh installs it) with a
// generated config. The metric-analysis tests start one per test file; `npm start` starts one in
// development, scraping the demo's exporter, when no PROMETHEUS_URL is given:
//   node scripts/prometheus.mjs --port 19090 --target 127.0.0.1:19464 --data <dir>
// runs it in the foreground until SIGTERM or SIGINT.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { eventually } from '@upgrade-control/client';
import { freePort } from './service-process.mjs';

/**
 * @typedef {object} RunningPrometheus
 * @property {string} url The HTTP API's base URL.
 * @property {(query: string) => Promise<number | undefined>} valueOf The value of an instant
 *   query's first series, or undefined when it has none.
 * @property {Promise<void>} exited Settles when the process ends.
 * @property {() => Promise<void>} stop
 */

/** Scrapes `targets` every second: a run or a test sees a phase within seconds. */
export const prometheusConfig = (targets) =>
  [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: exporter',
    '    static_configs:',
    `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
    '',
  ].join('\n');

/**
 * Starts Prometheus scraping `targets`, on `port` (a free one when 0) with its storage in `dataDir`
 * (a temporary directory, removed on stop, when none is given). Resolves once /-/ready answers
 * and, unless `firstScrape` is false (targets that start later), every target was scraped once.
 * @param {string[]} targets
 * @param {{ port?: number, dataDir?: string, firstScrape?: boolean }} [options]
 * @returns {Promise<RunningPrometheus>}
 */
export async function startPrometheus(targets, { port = 0, dataDir, firstScrape = true } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'uc-prometheus-'));
  mkdirSync(dir, { recursive: true });
  const listen = port || /** @type {number} */ (await freePort());
  const url = `http://127.0.0.1:${listen}`;
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(targets));
  const output = [];
  const server = spawn(
    process.env.PROMETHEUS_BIN ?? 'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${listen}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.on('data', (chunk) => output.push(chunk.toString()));
  server.stderr.on('data', (chunk) => output.push(chunk.toString()));
  let gone = false;
  const exited = new Promise((resolve) => server.once('close', () => resolve(undefined)));
  server.once('error', (error) => output.push(`${error.message}\n`));
  void exited.then(() => (gone = true));
  const failed = (what) => new Error(`Prometheus ${what}; its output:\n${output.join('').slice(-4000)}`);

  const valueOf = async (query) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = await response.json();
    const first = body.data?.result?.[0];
    return first ? Number(first.value[1]) : undefined;
  };
  const stop = async () => {
    if (!gone) {
      server.kill('SIGTERM');
      await exited;
    }
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const briskly = { timeoutMs: 30_000, everyMs: 200 };
    const ready = async () => {
      if (gone) throw failed('exited before it was ready');
      return fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
    };
    await eventually('Prometheus to be ready', ready, briskly);
    // Every target scraped once (up is 1 per reachable target).
    const scraped = async () => (await valueOf('count(up == 1)')) === targets.length;
    if (firstScrape) await eventually('a first scrape', scraped, briskly);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, valueOf, exited, stop };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, target: { type: 'string', multiple: true }, data: { type: 'string' } },
  });
  const running = await startPrometheus(values.target ?? [], {
    port: Number(values.port ?? 0),
    dataDir: values.data,
    firstScrape: false,
  });
  console.log(`prometheus: ready on ${running.url}, scraping ${(values.target ?? []).join(', ') || 'nothing'}`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await running.exited;
  if (!process.exitCode) process.exitCode = 1; // it ended on its own
}
