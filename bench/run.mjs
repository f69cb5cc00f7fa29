// npm run bench: speed as ratios against baselines measured in the same run, on this machine.
// Writes bench/results/latest.json and prints a table. Needs the build (npm run build) and a broker.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { toKafkaRecord, eventsTopic } from '@upgrade-control/contracts';
import {
  createLogger,
  Database,
  dropDatabase,
  ensureDatabase,
  EventConsumer,
  KafkaJsBus,
  openServiceDataSource,
  OutboxRelay,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { freePort, waitReady } from '../scripts/service-process.mjs';
import { replayLog } from '../dist/monitoring/src/cli/audit.js';
import { compileRecord } from '../dist/monitoring/src/domain/upgrade-record.js';
import { verifyLog } from '@upgrade-control/contracts';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const run = `bench_${Date.now().toString(36)}`;
const logger = createLogger('bench', 'silent');
const results = [];
const databases = [];
const actor = { id: 'bench', role: 'operator' };

async function database(name) {
  const url = `${base}/${run}_${name}`;
  await ensureDatabase(url);
  databases.push(url);
  return url;
}
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
function report(name, value, unit, baseline, target, met, note) {
  const ratio = baseline ? value / baseline : null;
  results.push({
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: ratio === null ? null : round(ratio),
    target,
    met,
    ...(note ? { note } : {}),
  });
  console.log(
    `${name.padEnd(28)} ${String(round(value)).padStart(10)} ${unit.padEnd(10)} baseline ${String(baseline === null ? '—' : round(baseline)).padStart(10)}  ratio ${ratio === null ? '—' : round(ratio)}  target ${target}  ${met ? 'met' : 'MISSED'}`,
  );
}
const round = (n) => Math.round(n * 100) / 100;
async function pool(concurrency, total, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
}

async function appendBench() {
  const url = await database('append');
  const ds = await openServiceDataSource(url, [], 20);
  const store = new PostgresEventStore(new Database(ds), 'inventory');
  await ds.query('CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS)');
  const appendThroughStore = (i) =>
    store.append(
      `asset-${i}`,
      'no-stream',
      [{ type: 'AssetRetired', payload: { assetId: `a${i}`, reason: 'benchmark' } }],
      { correlationId: `a${i}`, causationId: null, actor, now: new Date() },
    );
  const sample = (await ds.query('SELECT * FROM events LIMIT 1').catch(() => []))[0];
  const insertRaw = (i) =>
    ds.query(
      `INSERT INTO raw_events (event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id, causation_id, actor, payload, prev_hash, hash)
     VALUES (gen_random_uuid(), $1, 1, 'AssetRetired', 1, now(), 'inventory', $2, NULL, $3, $4, NULL, $5)`,
      [`raw-${i}`, `a${i}`, actor, { assetId: `a${i}`, reason: 'benchmark' }, sample?.hash ?? 'f'.repeat(64)],
    );
  // Both paths warm up first (JIT, connection pool, table files), so neither pays for starting cold.
  const warmUp = 2000;
  const total = 8000;
  await pool(16, warmUp, appendThroughStore);
  await pool(16, warmUp, insertRaw);
  let start = process.hrtime.bigint();
  await pool(16, total, (i) => appendThroughStore(warmUp + i));
  const storeRate = total / seconds(start);
  start = process.hrtime.bigint();
  await pool(16, total, (i) => insertRaw(warmUp + i));
  const rawRate = total / seconds(start);
  report('append', storeRate, 'events/s', rawRate, 'ratio ≥ 0.5', storeRate / rawRate >= 0.5);
  await ds.destroy();
}

/**
 * The service as it runs in production: its own process from the build. The load generator must
 * not share the service's event loop, or it measures itself.
 */
async function startService(service, name) {
  const url = await database(name);
  const prefix = `${run}.${name}.`;
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', ...profileArgs(name), `dist/${service}/src/main.js`],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_CONSUMER_GROUP: `${prefix}group`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) =>
      child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
    );
  try {
    await waitReady(service, base, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: base, databaseUrl: url, stop };
}

/** BENCH_PROFILE=1 writes a CPU profile of each service process to bench/results/. */
const profileArgs = (name) =>
  process.env.BENCH_PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${new URL('./results/', import.meta.url).pathname}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]
    : [];

async function commandBench() {
  const { url, stop } = await startService('inventory', 'commands');
  let n = 0;
  const body = () =>
    JSON.stringify({
      assetId: `bench-${n++}`,
      name: 'bench',
      kind: 'server',
      product: 'linux',
      version: '6.1',
      site: 's',
      node: 'n',
      criticality: 'low',
      owner: 'ops',
    });
  const commands = await autocannon({
    url: `${url}/assets`,
    connections: 64,
    duration: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-planner' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  const health = await autocannon({ url: `${url}/health/live`, connections: 64, duration: 10 });
  // What limits the figure: the same request refused by validation (HTTP, auth, DTO checks, no
  // database), and the cost of one PostgreSQL round trip.
  const refused = await autocannon({
    url: `${url}/assets`,
    connections: 64,
    duration: 5,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dev-planner' },
    body: JSON.stringify({ name: 1 }),
  });
  const roundTrip = await postgresRoundTripMicros();
  const ok = commands.non2xx === 0;
  report(
    'command.register-asset',
    commands.requests.average,
    'commands/s',
    health.requests.average,
    '≥ 2000 commands/s',
    ok && commands.requests.average >= 2000,
    `p50 ${commands.latency.p50} ms, p99 ${commands.latency.p99} ms, non-2xx ${commands.non2xx}; ` +
      `the same POST refused by validation: ${Math.round(refused.requests.average)}/s; ` +
      `one PostgreSQL round trip: ${roundTrip} µs (a registration is one: the event INSERT writes its read-model row)`,
  );
  await stop();
}

async function postgresRoundTripMicros() {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  const start = process.hrtime.bigint();
  for (let i = 0; i < 5000; i++) await client.query('SELECT 1');
  const micros = Math.round((seconds(start) / 5000) * 1e6);
  await client.end();
  return micros;
}

async function propagationBench() {
  // inventory's store → relay → Kafka → another service's consumer transaction (a projection row)
  const sourceUrl = await database('prop_src');
  const targetUrl = await database('prop_dst');
  const source = await openServiceDataSource(sourceUrl);
  const target = await openServiceDataSource(targetUrl);
  await target.query('CREATE TABLE seen (event_id uuid PRIMARY KEY)');
  const topic = `${run}.prop.${eventsTopic('inventory')}`;
  const bus = new KafkaJsBus({ clientId: 'bench', brokers });
  await bus.ensureTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
  // Wired as a service wires them: the relay is woken by the store's commits in this process.
  const store = new PostgresEventStore(new Database(source), 'inventory');
  const relay = new OutboxRelay(bus, {
    name: 'bench',
    databaseUrl: sourceUrl,
    topic,
    batchSize: 1000,
    pollMs: 250,
    logger,
    commits: store.commits,
  });
  const sent = new Map();
  const latencies = [];
  // Measured in the consuming service's handler, inside its projection transaction.
  const consumer = new EventConsumer(new Database(target), bus, {
    groupId: `${run}-prop`,
    topics: [topic],
    deadLetterTopic: `${topic}.dlq`,
    maxAttempts: 3,
    logger,
  }).on('AssetRetired', async (e, tx) => {
    await tx.query('INSERT INTO seen VALUES ($1)', [e.eventId]);
    const at = sent.get(e.payload.assetId);
    if (at !== undefined) latencies.push(performance.now() - at);
  });
  await bus.ensureTopics([{ name: `${topic}.dlq`, partitions: 1, replicationFactor: 1 }]);
  await consumer.start();
  relay.start();
  const rate = 500;
  const total = 5000;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // The clock starts when the append is sent, so the figure includes the commit itself.
    sent.set(`p${i}`, performance.now());
    void store.append(
      `p-${i}`,
      'no-stream',
      [{ type: 'AssetRetired', payload: { assetId: `p${i}`, reason: 'bench' } }],
      { correlationId: `p${i}`, causationId: null, actor, now: new Date() },
    );
  }
  const deadline = performance.now() + 60_000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  report(
    'propagation.p50',
    p50,
    'ms',
    null,
    'p50 ≤ 50 ms',
    p50 <= 50,
    `${latencies.length}/${total} observed at ${rate} events/s, from sending the append to the consumer's handler`,
  );
  report('propagation.p99', p99, 'ms', null, 'p99 ≤ 250 ms', p99 <= 250);
  await consumer.stop();
  await relay.stop();
  await source.destroy();
  await target.destroy();
}

async function relayAndReplayBench() {
  const url = await database('relay');
  const ds = await openServiceDataSource(url);
  const store = new PostgresEventStore(new Database(ds), 'execution');
  const total = 100_000;
  // A backlog of 100,000 events: 1,000 upgrades of 100 events.
  await pool(8, 1000, async (s) => {
    for (let v = 0; v < 100; v += 50) {
      const events = Array.from({ length: 50 }, (_, i) => ({
        type: 'StepStarted',
        payload: {
          upgradeId: `u${s}`,
          stepId: `step-${v + i}`,
          operator: 'bench',
          startedAt: new Date().toISOString(),
        },
      }));
      await store.append(`execution-u${s}`, v === 0 ? 'no-stream' : v, events, {
        correlationId: `u${s}`,
        causationId: null,
        actor,
        now: new Date(),
      });
    }
  });
  const prefix = `${run}.relay.`;
  const topic = `${prefix}${eventsTopic('execution')}`;
  const bus = new KafkaJsBus({ clientId: 'bench', brokers });
  await bus.ensureTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
  const relay = new OutboxRelay(bus, { name: 'bench', databaseUrl: url, topic, batchSize: 1000, pollMs: 250, logger });
  let start = process.hrtime.bigint();
  relay.start();
  for (;;) {
    const [row] = await ds.query('SELECT coalesce(sum(published), 0)::int AS n FROM relay_checkpoints');
    if (row.n >= total) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const relayRate = total / seconds(start);
  await relay.stop();

  // Baseline: a raw kafkajs producer sending the same messages with the same batching.
  const rawTopic = `${prefix}raw`;
  await bus.ensureTopics([{ name: rawTopic, partitions: 3, replicationFactor: 1 }]);
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const records = [];
  for await (const page of store.readAll(5000)) for (const e of page) records.push(toKafkaRecord(e));
  start = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += 1000)
    await producer.send({ topic: rawTopic, acks: -1, messages: records.slice(i, i + 1000) });
  const rawRate = records.length / seconds(start);
  report('relay', relayRate, 'events/s', rawRate, 'ratio ≥ 0.7', relayRate / rawRate >= 0.7);

  // Replay: 200,000 events (the relayed 100,000 and 100,000 more) → verified chains and records.
  for (let i = 0; i < records.length; i += 1000)
    await producer.send({
      topic,
      acks: -1,
      messages: records.slice(i, i + 1000).map((r) => ({
        ...r,
        key: `${r.key}-again`,
        value: r.value.replace(/"correlationId":"u/g, '"correlationId":"again-u'),
      })),
    });
  await producer.disconnect();
  start = process.hrtime.bigint();
  const { events } = await replayLog(brokers, prefix);
  const verification = verifyLog(events);
  const upgrades = new Set(events.map((e) => e.correlationId));
  for (const upgradeId of [...upgrades].slice(0, 50)) compileRecord(upgradeId, events);
  const replayRate = events.length / seconds(start);
  let count = 0;
  const consumer = kafka.consumer({ groupId: `${run}-raw-replay`, maxBytes: 64 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  start = process.hrtime.bigint();
  await new Promise((resolve) =>
    consumer.run({
      eachBatch: async ({ batch }) => {
        count += batch.messages.length;
        if (count >= events.length) resolve();
      },
    }),
  );
  const rawReplay = count / seconds(start);
  await consumer.disconnect();
  report(
    'replay',
    replayRate,
    'events/s',
    rawReplay,
    'ratio ≥ 0.6 and ≥ 20000/s',
    replayRate / rawReplay >= 0.6 && replayRate >= 20_000,
    `${events.length} events, ${verification.broken.length} broken chains (expected ${upgrades.size / 2} from the re-keyed copies)`,
  );
  await ds.destroy();
}

async function ingestBench() {
  const { url, databaseUrl, stop } = await startService('monitoring', 'ingest');
  const batch = (n) =>
    Array.from({ length: 1000 }, (_, i) => ({
      assetId: `asset-${n % 10}`,
      metric: 'cpu',
      timestamp: new Date(Date.UTC(2027, 0, 1) + (n * 1000 + i) * 1000).toISOString(),
      value: i % 100,
    }));
  const batches = 100;
  let start = process.hrtime.bigint();
  await pool(4, batches, async (n) => {
    const response = await fetch(`${url}/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'dev-observer' },
      body: JSON.stringify({ samples: batch(n) }),
    });
    if (!response.ok) throw new Error(`ingest ${response.status}`);
  });
  const apiRate = (batches * 1000) / seconds(start);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  start = process.hrtime.bigint();
  await pool(1, batches, async (n) => {
    const rows = batch(n);
    await client.query(
      'INSERT INTO metric_samples SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[])',
      [rows.map((r) => r.assetId), rows.map((r) => r.metric), rows.map((r) => r.timestamp), rows.map((r) => r.value)],
    );
  });
  const rawRate = (batches * 1000) / seconds(start);
  await client.end();
  report('ingest', apiRate, 'samples/s', rawRate, 'reported', true);
  await stop();
}

try {
  console.log(`benchmarks on ${os.cpus().length} cores, node ${process.version}\n`);
  // BENCH_ONLY=append,relay runs a subset while working on one figure; the report is then partial.
  const only = process.env.BENCH_ONLY?.split(',');
  const benches = {
    append: appendBench,
    command: commandBench,
    propagation: propagationBench,
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
