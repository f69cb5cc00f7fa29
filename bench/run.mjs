// npm run bench: speed as ratios against baselines measured in the same run, on this machine.
// Writes bench/results/latest.json and prints a table. Needs the build (npm run build) and a broker.
// Each bench item is a module of ./items; ./context.mjs and ./measure.mjs hold what they share.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { dropDatabase } from '@upgrade-control/platform';
import { base, databases } from './context.mjs';
import { results } from './measure.mjs';
import { appendBench } from './items/append.mjs';
import { commandBench } from './items/command.mjs';
import { propagationBench } from './items/propagation.mjs';
import { relayAndReplayBench } from './items/relay-and-replay.mjs';
import { ingestBench } from './items/ingest.mjs';
import { consumeBench } from './items/consume.mjs';

try {
  console.log(`benchmarks on ${os.cpus().length} cores, node ${process.version}\n`);
  // BENCH_ONLY=append,relay runs a subset while working on one figure; the report is then partial.
  const only = process.env.BENCH_ONLY?.split(',');
  // Propagation is also measured at half the consumer's capacity, when `consume` ran first.
  let capacity = null;
  const benches = {
    append: appendBench,
    command: commandBench,
    consume: async () => (capacity = await consumeBench()),
    propagation: () => propagationBench(capacity),
    relay: relayAndReplayBench,
    ingest: ingestBench,
  };
  for (const [name, bench] of Object.entries(benches)) if (!only || only.includes(name)) await bench();
  const postgres = new pg.Client({ connectionString: `${base}/postgres` });
  await postgres.connect();
  const version = (await postgres.query('SHOW server_version')).rows[0].server_version;
  await postgres.end();
  const output = {
    machine: {
      cores: os.cpus().length,
      node: process.version,
      kafka: process.env.KAFKA_VERSION ?? '4.1.1',
      postgres: version,
    },
    results,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  console.log('\nwritten to bench/results/latest.json');
} finally {
  for (const url of databases) await dropDatabase(url).catch(() => undefined);
}
process.exit(0);
