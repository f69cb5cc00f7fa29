// npm run bench: speed as ratios against baselines measured in the same run, on this machine.
// Writes bench/results/latest.json and prints a table. Needs the build (npm run build) and a broker.
// Each bench item is a module of ./items; ./context.mjs and ./measure.mjs hold what they share.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { dropDatabase } from '@upgrade-control/platform';
import { base, databases } from './context.mjs';
import { report, results } from './measure.mjs';
import { pathBudget, stageCpu } from './path-budget.mjs';
import { appendBench } from './items/append.mjs';
import { commandBench } from './items/command.mjs';
import { propagationBench } from './items/propagation.mjs';
import { relayAndReplayBench } from './items/relay-and-replay.mjs';
import { ingestBench } from './items/ingest.mjs';
import { consumeBench } from './items/consume.mjs';
import { approvePlanBench } from './items/approve-plan.mjs';
import { httpStackBench } from './items/http-stack.mjs';
import { lifecycleBench } from './items/lifecycle.mjs';
import { replicasBench } from './items/replicas.mjs';
import { baselines, machine } from './machine.mjs';
import { writeReadmeTable } from './readme-table.mjs';

try {
  console.log(`benchmarks on ${machine().cores} cores (${machine().cpu}), node ${process.version}\n`);
  // BENCH_ONLY=append,relay runs a subset while working on one figure; the report is then partial.
  const only = process.env.BENCH_ONLY?.split(',');
  const benches = {
    append: appendBench,
    command: commandBench,
    consume: consumeBench,
    // Also measured at half the consumer's capacity, when `consume` ran first in this run.
    propagation: (figures) => propagationBench(figures.consume ?? null),
    relay: relayAndReplayBench,
    ingest: ingestBench,
    // A ratio of register-asset in the same run, so it needs `command` (BENCH_ONLY=command,approve-plan).
    'approve-plan': (figures) => approvePlanBench(figures.command ?? missing('command')),
    // Issue 19, part 2: the HTTP pipeline by adapter and validator, without a database.
    'http-stack': httpStackBench,
    // Issue 19, part 4: whole upgrades, proposal to closed, through the four services.
    lifecycle: lifecycleBench,
    // Issue 19, part 5: inventory and planning run once, then twice; throughput, latency, exactly-once.
    replicas: replicasBench,
  };
  const figures = {};
  for (const [name, bench] of Object.entries(benches))
    if (!only || only.includes(name)) figures[name] = await bench(figures);
  reportPathBudget(figures.consume);
  const postgres = new pg.Client({ connectionString: `${base}/postgres` });
  await postgres.connect();
  const version = (await postgres.query('SHOW server_version')).rows[0].server_version;
  await postgres.end();
  const output = { machine: machine(version), baselines: baselines(results), results };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  console.log('\nwritten to bench/results/latest.json');
  // A partial run (BENCH_ONLY) keeps the README's other rows; the table is never edited by hand.
  if (writeReadmeTable(output)) console.log('README performance table written from it');
} finally {
  for (const url of databases) await dropDatabase(url).catch(() => undefined);
}
process.exit(0);

/** When append, relay and consume ran: what the whole path costs, against the half-capacity load. */
function reportPathBudget(consumeCapacity) {
  const { cores } = machine();
  const budget = pathBudget(stageCpu, cores, consumeCapacity / 2);
  if (!budget) return;
  const ms = (stage) => `${stageCpu[stage].toFixed(3)} ms ${stage}`;
  report(
    'path.cpu-capacity',
    budget.capacity,
    'events/s',
    null,
    'reported',
    true,
    `the machine's CPU per event (PostgreSQL and the broker included), each stage measured alone in this run: ` +
      `${ms('append')}, ${ms('relay')}, ${ms('consume')}; so ${cores} cores carry at most ${Math.round(budget.capacity)} events/s ` +
      `through the whole path, and the half-capacity load (${Math.round(consumeCapacity / 2)}/s) needs ${budget.coresAt.toFixed(2)} of them`,
  );
}

function missing(item) {
  throw new Error(`this item is a ratio of ${item}, measured in the same run: add it to BENCH_ONLY`);
}
