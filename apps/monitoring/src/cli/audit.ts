/**
 * The auditor's tool: reads the four topics from offset 0 into a fresh in-memory log, verifies
 * every hash chain, and compiles an upgrade's record exactly as the monitoring service does.
 *   npm run audit -- replay                 every upgrade found, with its event count
 *   npm run audit -- verify                 exit 1 when any chain is broken, naming the link;
 *                                           redelivered copies (Kafka is at least once) are counted
 *   npm run audit -- export <upgradeId> [--markdown]
 * Reads KAFKA_BROKERS (127.0.0.1:9092) and KAFKA_TOPIC_PREFIX; on a secure cluster the audit user's
 * KAFKA_SSL/KAFKA_SASL_* settings (AUDIT_ prefixed forms first, ADR 0018).
 */
import {
  eventsTopic,
  fromKafkaRecord,
  SERVICES,
  verifyLog,
  type EventEnvelope,
  type LogVerification,
} from '@upgrade-control/contracts';
import { KafkaJsBus, kafkaSecurityFrom, type KafkaSecurity } from '@upgrade-control/platform';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';

export const AUDIT_USAGE = [
  'usage: npm run audit -- <command>',
  '  replay                          every upgrade found in the topics, with its event count',
  '  verify                          verify every hash chain; exit 1 when one is broken',
  '  export <upgradeId> [--markdown] the upgrade record, compiled from the topics',
  'environment: KAFKA_BROKERS (127.0.0.1:9092), KAFKA_TOPIC_PREFIX',
].join('\n');

export async function replayLog(
  brokers: string[],
  topicPrefix: string,
  security?: KafkaSecurity,
): Promise<{ events: EventEnvelope[]; unreadable: number }> {
  const bus = new KafkaJsBus({ clientId: 'upgrade-control-audit', brokers, security });
  const events: EventEnvelope[] = [];
  let unreadable = 0;
  await bus.readFromStart(
    SERVICES.map((s) => `${topicPrefix}${eventsTopic(s)}`),
    (record) => {
      const parsed = fromKafkaRecord(record.value, record.headers);
      if (parsed.ok) events.push(parsed.envelope);
      else unreadable += 1;
    },
  );
  return { events, unreadable };
}

export type TopicVerification = LogVerification & { ok: boolean; unreadable: number };

/** `verify`: every record of the four topics, redeliveries included, through the one chain check. */
export async function verifyTopics(
  brokers: string[],
  topicPrefix: string,
  security?: KafkaSecurity,
): Promise<TopicVerification> {
  const { events, unreadable } = await replayLog(brokers, topicPrefix, security);
  const result = verifyLog(events);
  return { ok: result.broken.length === 0, unreadable, ...result };
}

/** Runs one command; the exit code is returned. Usage errors are answered before Kafka is read. */
export async function runAudit(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [command, upgradeId, ...extra] = argv.filter((a) => !a.startsWith('--'));
  const flags = argv.filter((a) => a.startsWith('--'));
  if (flags.includes('--help') || argv.includes('-h') || command === 'help') {
    out(AUDIT_USAGE);
    return 0;
  }
  const known = command === 'replay' || command === 'verify' || command === 'export';
  const arity = command === 'export' ? upgradeId !== undefined && extra.length === 0 : upgradeId === undefined;
  const flagsOk = flags.every((f) => f === '--markdown' && command === 'export');
  if (!known || !arity || !flagsOk) {
    err(command && !known ? `audit: unknown command "${command}"\n${AUDIT_USAGE}` : AUDIT_USAGE);
    return 2;
  }
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  const security = kafkaSecurityFrom(env, 'audit');
  if (command === 'verify') {
    const result = await verifyTopics(brokers, topicPrefix, security);
    out(JSON.stringify(result, null, 2));
    return result.ok ? 0 : 1;
  }
  const { events, unreadable } = await replayLog(brokers, topicPrefix, security);
  if (command === 'replay') {
    const upgrades = new Map<string, number>();
    for (const e of events) upgrades.set(e.correlationId, (upgrades.get(e.correlationId) ?? 0) + 1);
    out(JSON.stringify({ events: events.length, unreadable, upgrades: Object.fromEntries(upgrades) }, null, 2));
    return 0;
  }
  const record = compileRecord(upgradeId!, events);
  if (record.eventCount === 0) {
    err(`audit: no events for upgrade ${upgradeId}`);
    return 1;
  }
  const hash = recordHash(record);
  out(
    flags.includes('--markdown')
      ? recordToMarkdown(record, hash)
      : JSON.stringify({ record, recordHash: hash }, null, 2),
  );
  return 0;
}

if (process.argv[1]?.endsWith('audit.js')) {
  runAudit(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  ).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`audit: ${error.message}`);
      process.exit(1);
    },
  );
}
