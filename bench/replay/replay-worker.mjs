// One replay of the log on a thread of its own, the auditor's (ours) or a raw consumer's: its own
// heap and event loop, as the audit CLI runs in a process of its own, so neither side's garbage
// (200,000 envelopes held for verification, 64 MiB fetches) weighs on the other's figure. Posts
// { rate, events, broken, upgrades } once done.
import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { verifyLog } from '@upgrade-control/contracts';
import { replayLog } from '../../dist/monitoring/src/cli/audit.js';
import { compileRecord } from '../../dist/monitoring/src/domain/upgrade-record.js';
import { seconds } from '../measure.mjs';

const { mode, brokers, prefix, topic, total, groupId } = workerData;
parentPort.postMessage(mode === 'ours' ? await ours() : await raw());

/** The auditor's replay: every event read, each chain verified, 50 upgrade records compiled. */
async function ours() {
  const start = process.hrtime.bigint();
  const { events } = await replayLog(brokers, prefix);
  const verification = verifyLog(events);
  const upgrades = new Set(events.map((e) => e.correlationId));
  for (const upgradeId of [...upgrades].slice(0, 50)) compileRecord(upgradeId, events);
  const rate = events.length / seconds(start);
  return { rate, events: events.length, broken: verification.broken.length, upgrades: upgrades.size };
}

/** The baseline: a kafkajs consumer counting `total` records of the topic, in a group of its own. */
async function raw() {
  const kafka = new Kafka({ clientId: 'bench-raw-replay', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, maxBytes: 64 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  const start = process.hrtime.bigint();
  await new Promise((resolve) =>
    consumer.run({
      eachBatch: async ({ batch }) => {
        count += batch.messages.length;
        if (count >= total) resolve();
      },
    }),
  );
  const rate = count / seconds(start);
  await consumer.disconnect();
  return { rate };
}
