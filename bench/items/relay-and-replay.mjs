import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Worker } from 'node:worker_threads';
import { eventsTopic, toKafkaRecord } from '@upgrade-control/contracts';
import {
  Database,
  KafkaJsBus,
  openServiceDataSource,
  OutboxRelay,
  PostgresEventStore,
} from '@upgrade-control/platform';
import { actor, brokers, database, logger, run } from '../context.mjs';
import { pool, report, seconds } from '../measure.mjs';
import { cpuPerEvent, stageCpu } from '../path-budget.mjs';

/**
 * The outbox relay against a raw producer, and the auditor's replay against a raw consumer. Each
 * raw baseline runs before and after ours and is their mean, as in `consume`: a drift of the
 * machine during the item (the broker or PostgreSQL still busy with an earlier item's writes)
 * then weighs on both sides alike.
 */
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
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const records = [];
  for await (const page of store.readAll(5000)) for (const e of page) records.push(toKafkaRecord(e));
  // Baseline: a raw kafkajs producer sending the same messages with the same batching.
  const rawSend = async (label) => {
    const rawTopic = `${prefix}raw-${label}`;
    await bus.ensureTopics([{ name: rawTopic, partitions: 3, replicationFactor: 1 }]);
    const begun = process.hrtime.bigint();
    for (let i = 0; i < records.length; i += 1000)
      await producer.send({ topic: rawTopic, acks: -1, messages: records.slice(i, i + 1000) });
    return records.length / seconds(begun);
  };
  const rawBefore = await rawSend('before');
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

  const rawAfter = await rawSend('after');
  const rawRate = (rawBefore + rawAfter) / 2;
  report(
    'relay',
    relayRate,
    'events/s',
    rawRate,
    'ratio ≥ 0.7',
    relayRate / rawRate >= 0.7,
    beforeAfter(rawBefore, rawAfter),
  );

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
  const rawReplay = async (label) =>
    (await onItsOwnThread({ mode: 'raw', brokers, topic, total: 2 * total, groupId: `${run}-raw-replay-${label}` }))
      .rate;
  const replayBefore = await rawReplay('before');
  const { rate: replayRate, events, broken, upgrades } = await onItsOwnThread({ mode: 'ours', brokers, prefix });
  const replayAfter = await rawReplay('after');
  const rawReplayRate = (replayBefore + replayAfter) / 2;
  report(
    'replay',
    replayRate,
    'events/s',
    rawReplayRate,
    'ratio ≥ 0.6 and ≥ 20000/s',
    replayRate / rawReplayRate >= 0.6 && replayRate >= 20_000,
    `${events} events, ${broken} broken chains (expected ${upgrades / 2} from the re-keyed copies), each replay on a thread of its own; ${beforeAfter(replayBefore, replayAfter)}`,
  );
  await ds.destroy();
}

const beforeAfter = (before, after) => `raw ${Math.round(before)}/s before ours, ${Math.round(after)}/s after`;

/** A replay (replay/replay-worker.mjs) on a thread of its own; resolves what it posts. */
async function onItsOwnThread(workerData) {
  const worker = new Worker(new URL('../replay/replay-worker.mjs', import.meta.url), { workerData });
  const result = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  return result;
}
