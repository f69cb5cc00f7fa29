// The consuming service of the propagation bench, on a thread of its own: as in a deployment, the
// consumer does not share an event loop with the producer's appends and relay (its own V8 heap
// and loop, as a second service process has). It reports when each event's row was committed.
import { parentPort, workerData } from 'node:worker_threads';
import { applyStatements, Database, EventConsumer, KafkaJsBus, openServiceDataSource } from '@upgrade-control/platform';
import { logger } from '../context.mjs';

const { brokers, targetUrl, topic, groupId } = workerData;
const target = await openServiceDataSource(targetUrl);
const db = new Database(target);
const bus = new KafkaJsBus({ clientId: 'bench-consumer', brokers });
// [assetId, hrtime in ns as a number] of the events committed since the last report
let seen = [];
const consumer = new EventConsumer(db, bus, {
  groupId,
  topics: [topic],
  deadLetterTopic: `${topic}.dlq`,
  maxAttempts: 3,
  logger,
}).on('AssetRetired', async (e, tx) => {
  // Its read-model row written as a service's consumer writes one (merged within a batch, ADR 39).
  await applyStatements([{ sql: 'INSERT INTO seen VALUES ($1)', parameters: [e.eventId] }], tx);
  // Timed when the row is visible: at the commit of the transaction that wrote it. process.hrtime
  // is one monotonic clock for every thread of the process.
  db.afterCommit(tx, () => seen.push([e.payload.assetId, Number(process.hrtime.bigint())]));
});
// Reported in bunches: the times are taken at the commits, so the bunching does not add to them.
const reporting = setInterval(() => {
  if (seen.length === 0) return;
  parentPort.postMessage({ seen });
  seen = [];
}, 20);
parentPort.on('message', async (message) => {
  if (message !== 'stop') return;
  clearInterval(reporting);
  await consumer.stop();
  await target.destroy();
  parentPort.postMessage({ seen, stopped: true });
});
await consumer.start();
parentPort.postMessage({ ready: true });
