// A relay in its own OS process, so a test can SIGKILL it mid-flight like a crashed replica.
import { KafkaJsBus, OutboxRelay, createLogger } from '@upgrade-control/platform';

const [databaseUrl, topic, brokers, name, pollMs = '100'] = process.argv.slice(2);
const relay = new OutboxRelay(new KafkaJsBus({ clientId: `relay-${process.pid}`, brokers: brokers.split(',') }), {
  name,
  databaseUrl,
  topic,
  batchSize: 250,
  pollMs: Number(pollMs),
  logger: createLogger('relay-process', 'warn'),
});
relay.start();
process.on('SIGTERM', () => void relay.stop().then(() => process.exit(0)));
