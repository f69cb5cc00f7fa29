import { Kafka, logLevel, Partitioners, type IHeaders } from 'kafkajs';
import { KafkaJsBus } from '@upgrade-control/platform';
import { kafkaBrokers, uniqueName } from './environment.js';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
}

const kafka = () => new Kafka({ clientId: 'tests', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });

export const testBus = () => new KafkaJsBus({ clientId: uniqueName('test'), brokers: kafkaBrokers() });

export async function createTopic(prefix: string, partitions = 3): Promise<string> {
  const topic = uniqueName(prefix).replace(/_/g, '-');
  await testBus().ensureTopics([{ name: topic, partitions, replicationFactor: 1 }]);
  return topic;
}

/** Reads a topic from offset 0 with a throwaway group until `count` messages arrived. */
export async function readTopic(topic: string, count: number, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const consumer = kafka().consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${count} messages from ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          messages.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: strings(message.headers),
            partition,
          });
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Sends raw records, as a misbehaving or foreign producer would. */
export async function sendRaw(
  topic: string,
  records: { key: string; value: string; headers?: Record<string, string> }[],
): Promise<void> {
  // Idempotent, as the platform's producer is: a retried send (a partition's leader not elected yet
  // right after the topic was made) would otherwise write the partitions that succeeded twice.
  const producer = kafka().producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

export async function messageCount(topic: string): Promise<number> {
  const offsets = await testBus().topicEndOffsets(topic);
  return [...offsets.values()].reduce((sum, high) => sum + Number(high), 0);
}

function strings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
