import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A gauge's value at the nth scrape (0-based) of the current phase: the test's healthy, degraded, recovered. */
export type Phase = (scrape: number) => number;

export interface MetricExporter {
  /** host:port, as a Prometheus scrape target. */
  target: string;
  /** Sets what the gauge answers from the next scrape on; returns once `scrapes` scrapes of it were served. */
  phase(values: Phase, scrapes: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A tiny exporter the test controls, as a service under watch would run one: one gauge with the
 * target's labels in Prometheus' text exposition format. It counts the scrapes it serves, so a test
 * waits for Prometheus to have read a phase instead of sleeping.
 */
export async function startMetricExporter(
  metric: string,
  labels: Record<string, string>,
  initial: Phase,
): Promise<MetricExporter> {
  const labelText = Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .join(',');
  let values = initial;
  let served = 0;
  let waiting: { until: number; resolve: () => void } | null = null;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.statusCode = 404;
      response.end();
      return;
    }
    const value = values(served++);
    response.setHeader('content-type', 'text/plain; version=0.0.4');
    response.end(`# HELP ${metric} Set by the test.\n# TYPE ${metric} gauge\n${metric}{${labelText}} ${value}\n`);
    if (waiting && served >= waiting.until) {
      waiting.resolve();
      waiting = null;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    phase(next, scrapes) {
      values = next;
      served = 0;
      return new Promise((resolve) => {
        waiting = { until: scrapes, resolve };
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
