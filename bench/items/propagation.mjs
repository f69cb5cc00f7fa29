import { eventsTopic } from '@upgrade-control/contracts';
import {
  Database,
  EventConsumer,
  KafkaJsBus,
  openServiceDataSource,
  OutboxRelay,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { actor, brokers, database, logger, run } from '../context.mjs';
import { percentile, report } from '../measure.mjs';

/**
 * Latency from one service's append to another service's consumer, at 500 events/s and, when
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
    groupId: `${run}-${name}`,
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
    sent.set(`p${i}`, performance.now());
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
  const deadline = performance.now() + 60_000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const appended = Math.round((committed * 1000) / (lastCommit - started));
  const note =
    `${latencies.length}/${total} observed at ${rate} events/s, from sending the append to the consumer's handler; ` +
    `the appends committed at ${appended}/s`;
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
