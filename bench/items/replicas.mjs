import autocannon from 'autocannon';
import pg from 'pg';
import { registration } from '../context.mjs';
import { percentile, report } from '../measure.mjs';
import { exactlyOnce } from '../replicas/exactly-once.mjs';
import { startService } from '../service.mjs';

const COMMAND_SECONDS = 8;
const CONNECTIONS = 64;
/** A modest rate, so that propagation is measured with the consumer keeping up. */
const SAMPLE_RATE = 100;
const SAMPLE_SECONDS = 5;
const POLL_MS = 5;
const headers = { 'content-type': 'application/json', 'x-api-key': 'dev-planner' };

/**
 * Issue 19, part 5: inventory and planning (whose consumer projects inventory's assets) each run
 * once, then twice on the same database, topics and consumer group, in the same run. Commands/s,
 * propagation from the command's 2xx to planning's table, and exactly-once end to end.
 */
export async function replicasBench() {
  const one = await measure(1);
  const two = await measure(2);
  const cores =
    'on two cores a second replica mostly shows its overhead (four service processes, PostgreSQL, the broker and the load generator share them) and that nothing is lost or applied twice';
  report(
    'replicas.commands',
    two.commands.perSecond,
    'commands/s',
    one.commands.perSecond,
    'reported',
    two.commands.failed === 0 && one.commands.failed === 0,
    `2 replicas of inventory, ${CONNECTIONS / 2} connections each (p99 ${two.commands.p99} ms) against 1 with ` +
      `${CONNECTIONS} (p99 ${one.commands.p99} ms), ${COMMAND_SECONDS} s each; non-2xx or errors ` +
      `${two.commands.failed} and ${one.commands.failed}; ${cores}`,
  );
  report(
    'replicas.propagation.p99',
    percentile(two.latencies, 99),
    'ms',
    null,
    'reported',
    two.latencies.length === two.sampled && one.latencies.length === one.sampled,
    `2 replicas: p50 ${Math.round(percentile(two.latencies, 50))} ms, ${two.latencies.length}/${two.sampled} seen; ` +
      `1 replica: p50 ${Math.round(percentile(one.latencies, 50))} ms, p99 ${Math.round(percentile(one.latencies, 99))} ms, ` +
      `${one.latencies.length}/${one.sampled} seen; from the POST's 2xx to the asset in planning's table ` +
      `(polled every ${POLL_MS} ms) at ${SAMPLE_RATE} registrations/s for ${SAMPLE_SECONDS} s; ${cores}`,
  );
  report(
    'replicas.exactly-once',
    one.check.wrong + two.check.wrong,
    'events',
    null,
    '= 0',
    one.check.wrong + two.check.wrong === 0,
    `events lost + applied twice (or carried twice by Kafka), both set-ups. 2 replicas: ${two.check.note}. ` +
      `1 replica: ${one.check.note}`,
  );
}

/** One set-up: `replicas` processes of each service, measured, checked, stopped. */
async function measure(replicas) {
  const topics = `replicas${replicas}`;
  const inventory = [await startService('inventory', `${topics}_inventory`, { topics })];
  const planning = [await startService('planning', `${topics}_planning`, { topics })];
  try {
    for (let n = 2; n <= replicas; n++) {
      // Started after the first, so migrations have run and the first holds the relay's lock.
      const env = { KAFKA_CLIENT_ID_SUFFIX: `-${n}` };
      inventory.push(await startService('inventory', `${topics}_inventory`, { replicaOf: inventory[0], env }));
      planning.push(await startService('planning', `${topics}_planning`, { replicaOf: planning[0], env }));
    }
    const registered = new Set();
    const commands = await commandLoad(inventory, registered);
    await caughtUp(inventory[0].databaseUrl, planning[0].databaseUrl);
    const sampled = SAMPLE_RATE * SAMPLE_SECONDS;
    const latencies = await propagation(inventory, planning[0].databaseUrl, registered, sampled);
    await caughtUp(inventory[0].databaseUrl, planning[0].databaseUrl);
    const check = await exactlyOnce(inventory, planning, registered);
    return { commands, latencies, sampled, check };
  } finally {
    for (const service of [...planning, ...inventory].reverse()) await service.stop();
  }
}

/** POST /assets on every replica at once, the connections split between them; 2xx ids kept. */
async function commandLoad(inventory, registered) {
  const runs = await Promise.all(
    inventory.map((service, r) => {
      let n = 0;
      return autocannon({
        url: `${service.url}/assets`,
        connections: CONNECTIONS / inventory.length,
        duration: COMMAND_SECONDS,
        method: 'POST',
        headers,
        requests: [
          {
            setupRequest: (request, context) => {
              context.assetId = `c${r}-${n++}`;
              return { ...request, body: JSON.stringify(registration(context.assetId)) };
            },
            onResponse: (status, _body, context) => status < 300 && registered.add(context.assetId),
          },
        ],
      });
    }),
  );
  return {
    perSecond: runs.reduce((sum, run) => sum + run.requests.average, 0),
    failed: runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
    p99: Math.max(...runs.map((run) => run.latency.p99)),
  };
}

/**
 * Registrations at SAMPLE_RATE, round robin over the replicas; each timed from its 2xx until
 * planning's inventory_assets has the asset. One client polls for every pending asset at once.
 */
async function propagation(inventory, planningUrl, registered, total) {
  const client = new pg.Client({ connectionString: planningUrl });
  await client.connect();
  const pending = new Map();
  const latencies = [];
  let sending = true;
  const deadline = () => performance.now() + 30_000;
  let giveUp = deadline();
  const polling = (async () => {
    while ((sending || pending.size > 0) && performance.now() < giveUp) {
      if (pending.size > 0) {
        const { rows: seen } = await client.query('SELECT asset_id FROM inventory_assets WHERE asset_id = ANY($1)', [
          [...pending.keys()],
        ]);
        const now = performance.now();
        for (const { asset_id: id } of seen) {
          latencies.push(now - pending.get(id));
          pending.delete(id);
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  const started = performance.now();
  const posts = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / SAMPLE_RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const assetId = `p-${i}`;
    const url = `${inventory[i % inventory.length].url}/assets`;
    posts.push(
      fetch(url, { method: 'POST', headers, body: JSON.stringify(registration(assetId)) }).then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) return;
        pending.set(assetId, performance.now());
        registered.add(assetId);
      }),
    );
  }
  await Promise.all(posts);
  sending = false;
  giveUp = deadline();
  await polling;
  await client.end();
  return latencies;
}

/** Waits (at most a minute) until planning holds as many assets as inventory stored; one connection to each. */
async function caughtUp(inventoryUrl, planningUrl) {
  const clients = [new pg.Client({ connectionString: inventoryUrl }), new pg.Client({ connectionString: planningUrl })];
  await Promise.all(clients.map((client) => client.connect()));
  const count = async (client, sql) => Number((await client.query(sql)).rows[0].n);
  try {
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const stored = await count(clients[0], `SELECT count(*) AS n FROM events WHERE type = 'AssetRegistered'`);
      if ((await count(clients[1], 'SELECT count(*) AS n FROM inventory_assets')) >= stored) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
