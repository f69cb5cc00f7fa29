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

/** Latency from one service's append to another service's consumer. */
export async function propagationBench() {
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
