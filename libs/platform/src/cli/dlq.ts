/**
 * The operators' DLQ tool (npm run dlq -- …), for one service's dead-letter topic:
 *   list <service>                      every dead letter: reason, error, source, re-driven or not
 *   show <service> <partition>/<offset> one dead letter whole (headers and value)
 *   redrive <service> [--all]           puts the letters not yet re-driven (or all) back for that service
 * Names come from the same environment as the service (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_CONSUMER_GROUP, the KAFKA_SSL/KAFKA_SASL_* client security, and their <SERVICE>_ prefixed forms).
 */
import { deadLetterTopic, redriveTopic, SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { loadServiceConfig } from '../config/service-config.js';
import { KafkaJsBus } from '../messaging/kafka/kafkajs-bus.js';
import { dlqRedriveGroup, listDeadLetters, redriveDeadLetters, type DeadLetter } from '../messaging/dead-letters.js';

const USAGE = `usage: npm run dlq -- list <service> | show <service> <partition>/<offset> | redrive <service> [--all]
services: ${SERVICES.join(', ')}`;

export async function dlqCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [command, service, which] = argv.filter((a) => !a.startsWith('--'));
  if (!command || !['list', 'show', 'redrive'].includes(command) || !SERVICES.includes(service as ServiceName)) {
    out(USAGE);
    return 2;
  }
  const config = loadServiceConfig(service as ServiceName, process.env, { serves: false });
  // As the service's own Kafka user: its DLQ and re-drive topics are its own (ADR 0018).
  const bus = new KafkaJsBus({
    clientId: `upgrade-control-dlq-${service}`,
    brokers: config.kafka.brokers,
    security: config.kafka.security,
  });
  const prefix = config.kafka.topicPrefix;
  const dlq = {
    bus,
    topic: `${prefix}${deadLetterTopic(config.service)}`,
    group: dlqRedriveGroup(config.kafka.consumerGroup),
  };
  switch (command) {
    case 'list': {
      const letters = await listDeadLetters(dlq);
      for (const l of letters) out(line(l));
      out(
        `${letters.length} dead letter(s) in ${dlq.topic}, ${letters.filter((l) => !l.redriven).length} not re-driven`,
      );
      return 0;
    }
    case 'show': {
      const letter = (await listDeadLetters(dlq)).find((l) => `${l.partition}/${l.offset}` === which);
      if (!letter) {
        out(`no dead letter ${which ?? '(none given)'} in ${dlq.topic}`);
        return 1;
      }
      out(JSON.stringify(letter, null, 2));
      return 0;
    }
    default: {
      const sent = await redriveDeadLetters(dlq, `${prefix}${redriveTopic(config.service)}`, {
        all: argv.includes('--all'),
      });
      for (const l of sent) out(`re-driven ${line(l)}`);
      out(`${sent.length} dead letter(s) re-driven to ${prefix}${redriveTopic(config.service)}`);
      return 0;
    }
  }
}

const line = (l: DeadLetter) =>
  `${l.partition}/${l.offset}\t${l.reason}\t${l.type ?? '-'}\t${l.eventId ?? '-'}\tfrom ${l.sourceTopic} ${l.sourceOffset}` +
  `${l.redriven ? '\t(re-driven)' : ''}\t${l.error.slice(0, 200)}`;

if (process.argv[1]?.endsWith('dlq.js')) {
  dlqCommand(process.argv.slice(2), (l) => process.stdout.write(`${l}\n`)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`dlq: ${error.message}`);
      process.exit(1);
    },
  );
}
