import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/service-process.mjs';
import { eventually } from './environment.js';

export interface RunningPrometheus {
  /** The HTTP API's base URL. */
  url: string;
  /** The value of an instant query's first series, or undefined when it has none. */
  valueOf(query: string): Promise<number | undefined>;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus (scripts/ensure-debian-package.sh installs it) on a free local port, with a
 * generated config scraping `targets` every second and its storage in a temporary directory, so
 * each test file has its own. Resolves once /-/ready answers and a first scrape is stored.
 */
export async function startPrometheus(targets: string[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-prometheus-'));
  const port = (await freePort()) as number;
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: exporter',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const output: string[] = [];
  const server: ChildProcess = spawn(
    process.env.PROMETHEUS_BIN ?? 'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const failed = (what: string) => new Error(`Prometheus ${what}; its output:\n${output.join('').slice(-4000)}`);

  const valueOf = async (query: string) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
    const first = body.data?.result?.[0];
    return first ? Number(first.value[1]) : undefined;
  };
  const stop = async () => {
    if (!gone) {
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await eventually(
      async () => {
        if (gone) throw failed('exited before it was ready');
        return fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        );
      },
      30_000,
      'Prometheus to be ready',
    );
    // Every target scraped once (up is 1 per reachable target).
    await eventually(async () => (await valueOf('count(up == 1)')) === targets.length, 30_000, 'a first scrape');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, valueOf, stop };
}
