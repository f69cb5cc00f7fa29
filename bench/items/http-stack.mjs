import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort } from '../../scripts/service-process.mjs';
import { registration } from '../context.mjs';
import { report } from '../measure.mjs';

/**
 * Issue 19, part 2: the HTTP pipeline alone, by adapter (Express, Fastify) and by validator
 * (class-validator as the services use it, a schema compiled by ajv, zod), each variant a Nest app
 * in its own process accepting inventory's registration DTO without any database. Each figure is
 * a ratio of Express with class-validator, measured in the same run.
 */
const VARIANTS = [
  ['express', 'class-validator'],
  ['fastify', 'class-validator'],
  ['express', 'ajv'],
  ['express', 'zod'],
  ['fastify', 'ajv'],
];
const VALID = JSON.stringify({ ...registration('bench-1'), businessProcesses: ['order-to-cash'] });
const INVALID = JSON.stringify({ name: 1, kind: 'toaster' });

export async function httpStackBench() {
  const measured = {};
  for (const [adapter, validator] of VARIANTS) measured[`${adapter}+${validator}`] = await measure(adapter, validator);
  const baseline = measured['express+class-validator'];
  for (const [name, { accepted, refused }] of Object.entries(measured).slice(1))
    report(
      `http-stack.${name}`,
      accepted,
      'requests/s',
      baseline.accepted,
      'reported',
      true,
      `the same POST refused (400): ${Math.round(refused)}/s against ${Math.round(baseline.refused)}/s with express+class-validator`,
    );
}

/** Requests/s of one variant: a valid registration answered 202, then an invalid one refused with 400. */
async function measure(adapter, validator) {
  const port = await freePort();
  const child = fork(new URL('../http-stack/server.mjs', import.meta.url), {
    env: { ...process.env, PORT: String(port), HTTP_ADAPTER: adapter, HTTP_VALIDATOR: validator },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`${adapter}+${validator} exited with ${code}`)));
    });
    const run = async (body, status, duration) => {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/assets`,
        connections: 64,
        duration,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const expected = result.statusCodeStats[status]?.count ?? 0;
      if (expected !== result.requests.total - result.errors)
        throw new Error(
          `${adapter}+${validator}: not every answer was ${status} (${JSON.stringify(result.statusCodeStats)})`,
        );
      return result.requests.average;
    };
    await run(VALID, 202, 1); // warm-up: the JIT, the validator's first compilation
    return { accepted: await run(VALID, 202, 5), refused: await run(INVALID, 400, 3) };
  } finally {
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
    );
  }
}
