// A tiny Prometheus exporter the caller controls (a test, or the demo for its regressing site).
import { createServer } from 'node:http';

/**
 * A gauge's value at the nth scrape (0-based) of the current phase: healthy, degraded, recovered.
 * @typedef {(scrape: number) => number} Phase
 */

/**
 * @typedef {object} MetricExporter
 * @property {string} target host:port, as a Prometheus scrape target.
 * @property {(values: Phase, scrapes?: number) => Promise<void>} phase Sets what the gauge answers
 *   from the next scrape on; resolves once `scrapes` scrapes of it were served (at once without).
 * @property {() => Promise<void>} close
 */

/**
 * One gauge with the target's labels in Prometheus' text exposition format, as a service under
 * watch would expose it. It counts the scrapes it serves, so a caller waits for Prometheus to have
 * read a phase instead of sleeping. `port` 0 takes a free one.
 * @param {string} metric
 * @param {Record<string, string>} labels
 * @param {Phase} initial
 * @param {{ port?: number }} [options]
 * @returns {Promise<MetricExporter>}
 */
export async function startMetricExporter(metric, labels, initial, { port = 0 } = {}) {
  const labelText = Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .join(',');
  let values = initial;
  let served = 0;
  /** @type {{ until: number, resolve: () => void } | null} */
  let waiting = null;
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.statusCode = 404;
      response.end();
      return;
    }
    const value = values(served++);
    response.setHeader('content-type', 'text/plain; version=0.0.4');
    response.end(`# HELP ${metric} Set by its caller.\n# TYPE ${metric} gauge\n${metric}{${labelText}} ${value}\n`);
    if (waiting && served >= waiting.until) {
      waiting.resolve();
      waiting = null;
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    target: `127.0.0.1:${address.port}`,
    phase(next, scrapes = 0) {
      values = next;
      served = 0;
      if (scrapes === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiting = { until: scrapes, resolve: () => resolve(undefined) };
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
