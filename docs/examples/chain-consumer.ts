import { Kafka, type SASLOptions } from 'kafkajs';
import { fromKafkaRecord, verifyLog, type EventEnvelope, type LogVerification } from '@upgrade-control/contracts';

/** Reads a topic from its start to its current end and verifies the hash chain of every stream on it. */
export async function verifyTopic(kafka: Kafka, topic: string): Promise<LogVerification & { unreadable: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const toRead = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]));
  const events: EventEnvelope[] = [];
  let unreadable = 0;
  // A group of its own that commits nothing: every run reads the whole topic again.
  const consumer = kafka.consumer({ groupId: `chain-consumer-${crypto.randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((done) => {
    if (toRead.size === 0) return done();
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const parsed = fromKafkaRecord(message.value?.toString() ?? null, headers);
        if (parsed.ok) events.push(parsed.envelope);
        else unreadable += 1;
        if (BigInt(message.offset) + 1n >= toRead.get(partition)!) toRead.delete(partition);
        if (toRead.size === 0) done();
      },
    });
  });
  await consumer.disconnect();
  return { ...verifyLog(events), unreadable };
}

// npm run build:libs && node docs/examples/chain-consumer.ts planning.events
if (import.meta.url === `file://${process.argv[1]}`) {
  const { KAFKA_BROKERS = '127.0.0.1:9092', KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD } = process.env;
  const sasl: SASLOptions | undefined = KAFKA_SASL_PASSWORD
    ? { mechanism: 'scram-sha-512', username: KAFKA_SASL_USERNAME!, password: KAFKA_SASL_PASSWORD }
    : undefined;
  const kafka = new Kafka({ clientId: 'chain-consumer', brokers: KAFKA_BROKERS.split(','), ssl: !!sasl, sasl });
  const result = await verifyTopic(kafka, process.argv[2] ?? 'planning.events');
  console.log(`${result.events} events in ${result.streams} streams, ${result.unreadable} unreadable`);
  for (const link of result.broken)
    console.log(`BROKEN ${link.streamId} v${link.streamVersion}: ${link.problem} (expected ${link.expected})`);
  process.exitCode = result.broken.length > 0 || result.unreadable > 0 ? 1 : 0;
}
