import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { eventsTopic, toKafkaRecord, verifyLog } from '@upgrade-control/contracts';
import {
  Database,
  KafkaJsBus,
  openServiceDataSource,
  OutboxRelay,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { replayLog } from '../../dist/monitoring/src/cli/audit.js';
import { compileRecord } from '../../dist/monitoring/src/domain/upgrade-record.js';
import { actor, brokers, database, logger, run } from '../context.mjs';
import { pool, report, seconds } from '../measure.mjs';
import { cpuPerEvent, stageCpu } from '../path-budget.mjs';

/** The outbox relay against a raw producer, and the auditor's replay against a raw consumer. */
export async function relayAndReplayBench() {
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
  stageCpu.relay = await cpuPerEvent(async () => {
    for (;;) {
      const [row] = await ds.query('SELECT coalesce(sum(published), 0)::int AS n FROM relay_checkpoints');
      if (row.n >= total) return total;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
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
