import { eventsTopic } from '@upgrade-control/contracts';
import { Worker } from 'node:worker_threads';
import {
  Database,
  KafkaJsBus,
  openServiceDataSource,
  OutboxRelay,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { actor, brokers, database, logger, run } from '../context.mjs';
import { percentile, report } from '../measure.mjs';

/**
 * Latency from one service's append to the commit of another service's consumer (on a thread of
 * its own, as a second service has its own process), at 500 events/s and, when
 * the consumer's capacity was measured in this run (`consume`), at half of it.
 */
export async function propagationBench(capacity = null) {
  await propagateAt(500, 'propagation', 'p50 ≤ 50 ms', 'p99 ≤ 250 ms');
  if (capacity) await propagateAt(Math.round(capacity / 2), 'propagation.half-capacity', null, 'p99 ≤ 250 ms');
}

/** Events appended at `rate` for 10 s; p50 and p99 reported under `name` against their targets. */
async function propagateAt(rate, name, p50Target, p99Target) {
  // inventory's store → relay → Kafka → another service's consumer transaction (a projection row)
  const sourceUrl = await database(`${name.replace(/\W/g, '_')}_src`);
  const targetUrl = await database(`${name.replace(/\W/g, '_')}_dst`);
  const source = await openServiceDataSource(sourceUrl);
  const target = await openServiceDataSource(targetUrl);
  await target.query('CREATE TABLE seen (event_id uuid PRIMARY KEY)');
  const topic = `${run}.${name}.${eventsTopic('inventory')}`;
  const bus = new KafkaJsBus({ clientId: 'bench', brokers });
  await bus.ensureTopics([
    { name: topic, partitions: 3, replicationFactor: 1 },
    { name: `${topic}.dlq`, partitions: 1, replicationFactor: 1 },
  ]);
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
  const consumer = await consumingService(
    { brokers, targetUrl, topic, groupId: `${run}-${name}` },
    // Measured when the consuming service committed the event's read-model row.
    (assetId, at) => {
      const from = sent.get(assetId);
      if (from === undefined) return;
      sent.delete(assetId);
      latencies.push(Number(at - from) / 1e6);
    },
  );
  relay.start();
  const total = rate * 10;
  // How fast the appends themselves committed: at a rate the store cannot keep, the backlog (and
  // so the latency) grows at the source, before the relay and the consumer.
  let committed = 0;
  let lastCommit = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // The clock starts when the append is sent, so the figure includes the commit itself.
    sent.set(`p${i}`, process.hrtime.bigint());
    void store
      .append(`p-${i}`, 'no-stream', [{ type: 'AssetRetired', payload: { assetId: `p${i}`, reason: 'bench' } }], {
        correlationId: `p${i}`,
        causationId: null,
        actor,
        now: new Date(),
      })
      .then(() => {
        committed += 1;
        lastCommit = performance.now();
      });
  }
  // Where the backlog is as the last append is sent: at the source, the relay or the consumer.
  const [relayed] = await source.query('SELECT coalesce(sum(published), 0)::int AS n FROM relay_checkpoints');
  const backlog = `at the last send ${committed} committed, ${relayed.n} relayed, ${latencies.length} applied`;
  const deadline = performance.now() + 60_000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const appended = Math.round((committed * 1000) / (lastCommit - started));
  const note =
    `${latencies.length}/${total} observed at ${rate} events/s, from sending the append to the commit of the consumer's row; ` +
    `the appends committed at ${appended}/s; ${backlog}`;
  if (p50Target) report(`${name}.p50`, p50, 'ms', null, p50Target, p50 <= 50, note);
  report(
    `${name}.p99`,
    p99,
    'ms',
    null,
    p99Target,
    p99 <= 250,
    p50Target ? undefined : `p50 ${Math.round(p50)} ms; ${note}`,
  );
  await consumer.stop();
  await relay.stop();
  await source.destroy();
  await target.destroy();
}

/**
 * The consuming service on a thread of its own (propagation/consumer-worker.mjs), started and
 * joined to its group; `onSeen(assetId, hrtime)` for each event whose row it committed.
 */
async function consumingService(workerData, onSeen) {
  const worker = new Worker(new URL('../propagation/consumer-worker.mjs', import.meta.url), { workerData });
  let stopped;
  const ready = new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message) => {
      for (const [assetId, at] of message.seen ?? []) onSeen(assetId, BigInt(at));
      if (message.ready) resolve();
      if (message.stopped) stopped?.();
    });
  });
  await ready;
  return {
    async stop() {
      const done = new Promise((resolve) => (stopped = resolve));
      worker.postMessage('stop');
      await done;
      await worker.terminate();
    },
  };
}
