// Waits until the broker really serves clients: a topic can be created, a message produced,
// and consumed through a consumer group (which proves the group coordinator is available).
import { Kafka, logLevel } from 'kafkajs';
import { clientSecurity } from './kafka-client-env.mjs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const deadline = Date.now() + Number(process.env.KAFKA_READY_TIMEOUT_MS ?? 90_000);
const topic = '_upgrade-control.ready';
const kafka = new Kafka({
  clientId: 'kafka-ready',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
  ...clientSecurity(),
});

async function probe() {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }).catch(() => undefined);
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const marker = `ready-${Date.now()}`;
  await producer.send({ topic, messages: [{ value: marker }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `kafka-ready-${process.pid}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message consumed')), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === marker) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

for (;;) {
  try {
    await probe();
    process.exit(0);
  } catch (error) {
    if (Date.now() > deadline) {
      console.error(`kafka-ready: ${broker} not ready: ${error.message}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
