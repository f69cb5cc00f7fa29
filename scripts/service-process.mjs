// Shared by the end-to-end tests and the benchmarks: a service runs as its own process from the build.
import net from 'node:net';

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
