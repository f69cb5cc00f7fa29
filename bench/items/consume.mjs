import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { eventsTopic, sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { brokers, database, run } from '../context.mjs';
import { report } from '../measure.mjs';
import { busyCpuMs, stageCpu } from '../path-budget.mjs';
import { startService } from '../service.mjs';

// 60,000 events: the raw consumer takes seconds, not a fraction of one (at 20,000 its figure swung
// by a third between runs of the same code).
const STREAMS = 300;
const VERSIONS = 200;
const TOTAL = STREAMS * VERSIONS;
const PARTITIONS = 3;

/**
 * The consumer of a real service (monitoring, its own process) working off a backlog of 60,000
 * events of execution's topic, against a raw kafkajs eachBatch consumer that writes the same rows
 * (the record log row per event, the inbox and chain-link rows) in one transaction per fetched
 * batch, with no inspection, no hashing and no framework. Each is timed from its first applied
 * event to its last, so neither's start-up counts; the raw consumer runs before and after the
 * service's and its baseline is the mean of both, so a drift of the machine during the item
 * weighs on both sides alike. Resolves the service's events/s: propagation
 * is then measured at half of it.
 */
export async function consumeBench() {
  const prefix = `${run}.consume.`;
  const topic = `${prefix}${eventsTopic('execution')}`;
  const kafka = new Kafka({ clientId: 'bench-consume', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  await publish(kafka, topic, chainedEvents());

  const before = await rawConsumer(kafka, topic, 'before');
  const service = await serviceConsumer();
  const after = await rawConsumer(kafka, topic, 'after');
  const raw = (before + after) / 2;
  report(
    'consume',
    service,
    'events/s',
    raw,
    'ratio ≥ 0.7',
    service / raw >= 0.7,
    `monitoring's consumer applying ${TOTAL} events of ${STREAMS} streams on ${PARTITIONS} partitions, against a raw eachBatch consumer writing the same rows (${Math.round(before)}/s before, ${Math.round(after)}/s after)`,
  );
  return service;
}

/** 200 execution streams of 100 StepCompleted each, chained as execution's store seals them. */
function chainedEvents() {
  const events = [];
  for (let s = 0; s < STREAMS; s++) {
    let head = null;
    for (let v = 1; v <= VERSIONS; v++) {
      head = sealEnvelope({
        eventId: uuid(s, v),
        type: 'StepCompleted',
        schemaVersion: 1,
        streamId: `execution-consume-${s}`,
        streamVersion: v,
        occurredAt: new Date().toISOString(),
        producer: 'execution',
        correlationId: `consume-${s}`,
        causationId: null,
        actor: { id: 'bench', role: 'operator' },
        payload: {
          upgradeId: `consume-${s}`,
          stepId: `step-${v}`,
          operator: 'bench',
          outputSummary: 'done',
          durationSeconds: 1,
          configurationChanges: [],
        },
        prevHash: head?.hash ?? null,
      });
      events.push(head);
    }
  }
  return events;
}

const uuid = (s, v) => `0190f0a0-${String(s).padStart(4, '0')}-7000-8000-${String(v).padStart(12, '0')}`;

async function publish(kafka, topic, events) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const records = events.map((e) => toKafkaRecord(e));
  for (let i = 0; i < records.length; i += 1000)
    await producer.send({ topic, acks: -1, messages: records.slice(i, i + 1000) });
  await producer.disconnect();
}

/**
 * Events/s from the first row counted to the last, polling a count every 20 ms; `onCpu` is given
 * the machine's CPU ms per event over the same span.
 */
async function timeApplied(count, onCpu = () => undefined) {
  let first = null;
  let firstCount = 0;
  let firstCpu = 0;
  for (const deadline = performance.now() + 300_000; performance.now() < deadline;) {
    const n = await count();
    if (n > 0 && first === null) [first, firstCount, firstCpu] = [performance.now(), n, busyCpuMs()];
    if (n >= TOTAL) {
      onCpu((busyCpuMs() - firstCpu) / (TOTAL - firstCount));
      return ((TOTAL - firstCount) * 1000) / (performance.now() - first);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`only ${await count()} of ${TOTAL} events applied in 5 minutes`);
}

async function serviceConsumer() {
  const { databaseUrl, stop } = await startService('monitoring', 'consume');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await timeApplied(
      async () => (await client.query('SELECT count(*)::int AS n FROM processed_events')).rows[0].n,
      (cpu) => (stageCpu.consume = cpu),
    );
  } finally {
    await client.end();
    await stop();
  }
}

/** What a hand-written consumer does: parse, then the same rows, one INSERT per table and one transaction per fetched batch. */
async function rawConsumer(kafka, topic, label) {
  const url = await database(`consume_raw_${label}`);
  const pool = new pg.Pool({ connectionString: url, max: PARTITIONS });
  await pool.query(`
    CREATE TABLE record_events (seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, upgrade_id text NOT NULL,
      type text NOT NULL, producer text NOT NULL, occurred_at timestamptz NOT NULL, envelope jsonb NOT NULL,
      tx_id xid8 NOT NULL DEFAULT pg_current_xact_id());
    CREATE INDEX ON record_events (upgrade_id, seq);
    CREATE INDEX ON record_events (tx_id, seq);
    CREATE INDEX ON record_events (upgrade_id, tx_id, seq);
    CREATE TABLE processed_events (consumer text NOT NULL, event_id uuid NOT NULL, type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, event_id));
    CREATE TABLE consumed_links (consumer text NOT NULL, producer text NOT NULL, stream_id text NOT NULL,
      stream_version integer NOT NULL, event_id uuid NOT NULL, hash char(64) NOT NULL,
      held_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, producer, stream_id, stream_version))`);
  const consumer = kafka.consumer({ groupId: `${run}-consume-raw-${label}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch }) => {
      const events = batch.messages.map((m) => JSON.parse(m.value.toString()));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One statement for the batch's record rows, as a careful hand-written consumer would.
        await client.query(
          `INSERT INTO record_events (event_id, upgrade_id, type, producer, occurred_at, envelope)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
           ON CONFLICT (event_id) DO NOTHING`,
          [
            events.map((e) => e.eventId),
            events.map((e) => e.correlationId),
            events.map((e) => e.type),
            events.map((e) => e.producer),
            events.map((e) => e.occurredAt),
            events.map((e) => JSON.stringify(e)),
          ],
        );
        await client.query(
          `INSERT INTO processed_events (consumer, event_id, type) SELECT 'raw', * FROM unnest($1::uuid[], $2::text[])`,
          [events.map((e) => e.eventId), events.map((e) => e.type)],
        );
        await client.query(
          `INSERT INTO consumed_links (consumer, producer, stream_id, stream_version, event_id, hash)
             SELECT 'raw', * FROM unnest($1::text[], $2::text[], $3::integer[], $4::uuid[], $5::text[])`,
          [
            events.map((e) => e.producer),
            events.map((e) => e.streamId),
            events.map((e) => e.streamVersion),
            events.map((e) => e.eventId),
            events.map((e) => e.hash),
          ],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  });
  try {
    return await timeApplied(
      async () => (await pool.query('SELECT count(*)::int AS n FROM processed_events')).rows[0].n,
    );
  } finally {
    await consumer.disconnect();
    await pool.end();
  }
}
