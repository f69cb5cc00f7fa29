// Shared by the end-to-end tests and the benchmarks: a service runs as its own process from the build.
import net from 'node:net';

/**
 * The deployment the demo's walkthrough needs, as the end-to-end tests and the lifecycle bench run
 * it: short polling intervals, and a policy that allows windows opening seconds after scheduling
 * and a minute or two of monitoring, explicitly.
 */
export const DEMO_DEPLOYMENT_ENV = {
  RELAY_POLL_MS: '100',
  WATCHDOG_INTERVAL_MS: '1000',
  DETECTOR_INTERVAL_MS: '2000',
  // The demo's windows open seconds after scheduling: users need only be told before them.
  NOTICE_LEAD_TIMES: 'optional=0,planned=0,expedited=0',
  // The demo monitors for a minute or two: this deployment's policy allows it, explicitly.
  MONITORING_MINIMUM_MINUTES: 'low=1,medium=1,high=1,critical=1',
  // A checkpoint appended at an arbitrary moment would race the rebuild comparisons made after
  // quiescence; signed history is tested in test/monitoring/signed-history.test.ts (ADR 20).
  CHECKPOINT_INTERVAL_MS: '3600000',
};

/** A TCP port nothing listens on right now. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Resolves once `url`/health/ready answers 200; rejects after a minute or if `exited()` says so. */
export async function waitReady(service, url, exited = () => false) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    if (ready) return;
    if (Date.now() > deadline || exited()) throw new Error(`${service} did not become ready at ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
