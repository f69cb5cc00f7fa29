/**
 * The auditor's tool: reads the four topics from offset 0 into a fresh in-memory log, verifies
 * every hash chain and every signed checkpoint, and compiles an upgrade's record exactly as the
 * monitoring service does.
 *   npm run audit -- replay                 every upgrade found, with its event count
 *   npm run audit -- verify                 exit 1 when any chain is broken, a checkpoint's signature
 *                                           fails or a stream differs from what was signed (ADR 20);
 *                                           redelivered copies (Kafka is at least once) are counted
 *   npm run audit -- export <upgradeId> [--markdown] [--out=<file>]
 *   npm run audit -- verify-signature <file>
 * Reads KAFKA_BROKERS (127.0.0.1:9092), KAFKA_TOPIC_PREFIX and AUDIT_PUBLIC_KEYS; on a secure
 * cluster the audit user's KAFKA_SSL/KAFKA_SASL_* settings (AUDIT_ prefixed forms first, ADR 0018).
 */
import {
  checkpointProducer,
  eventsTopic,
  fromKafkaRecord,
  SERVICES,
  verifyLog,
  type EventEnvelope,
  type LogVerification,
} from '@upgrade-control/contracts';
import {
  ConfigError,
  KafkaJsBus,
  kafkaSecurityFrom,
  trustedKeysFrom,
  verifyCheckpoints,
  type CheckpointVerification,
  type KafkaSecurity,
  type TrustedKeys,
} from '@upgrade-control/platform';
import { signExport, verifyExport, writeSignedExport } from './audit-signatures.js';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';

export const AUDIT_USAGE = [
  'usage: npm run audit -- <command>',
  '  replay                          every upgrade found in the topics, with its event count',
  '  verify                          verify every hash chain and signed checkpoint; exit 1 when one fails',
  '  export <upgradeId> [--markdown] [--out=<file>]',
  '                                  the upgrade record, compiled from the topics, signed with',
  "                                  monitoring's key (<file> and <file>.jws, or the JWS on stderr)",
  "  verify-signature <file>         check <file> against <file>.jws with monitoring's public keys",
  'environment: KAFKA_BROKERS (127.0.0.1:9092), KAFKA_TOPIC_PREFIX, AUDIT_PUBLIC_KEYS,',
  '             MONITORING_SIGNING_KEY and MONITORING_SIGNING_KEY_ID (export)',
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

export type TopicVerification = LogVerification & {
  ok: boolean;
  unreadable: number;
  checkpoints: CheckpointVerification;
};

/**
 * `verify`: every record of the four topics, redeliveries included, through the one chain check,
 * then against the signed checkpoints among them.
 */
export async function verifyTopics(
  brokers: string[],
  topicPrefix: string,
  { security, trusted = trustedKeysFrom(process.env) }: { security?: KafkaSecurity; trusted?: TrustedKeys } = {},
): Promise<TopicVerification> {
  const { events, unreadable } = await replayLog(brokers, topicPrefix, security);
  const result = verifyLog(events);
  const checkpoints = await verifyCheckpoints(events, trusted);
  return { ok: result.broken.length === 0 && checkpoints.broken.length === 0, unreadable, ...result, checkpoints };
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
  const known = ['replay', 'verify', 'export', 'verify-signature'].includes(command ?? '');
  const withArgument = command === 'export' || command === 'verify-signature';
  const arity = withArgument ? upgradeId !== undefined && extra.length === 0 : upgradeId === undefined;
  const flagsOk = flags.every((f) => (f === '--markdown' || /^--out=.+/.test(f)) && command === 'export');
  if (!known || !arity || !flagsOk) {
    err(command && !known ? `audit: unknown command "${command}"\n${AUDIT_USAGE}` : AUDIT_USAGE);
    return 2;
  }
  try {
    return await run(command!, upgradeId, flags, env, out, err);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`audit: configuration error: ${error.message}`);
    return 78;
  }
}

async function run(
  command: string,
  upgradeId: string | undefined,
  flags: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  // Settings are read where they are needed: verify-signature reaches no Kafka.
  const security = () => kafkaSecurityFrom(env, 'audit');
  if (command === 'verify' || command === 'verify-signature') {
    const trusted = trustedKeysFrom(env);
    if (command === 'verify-signature') {
      const check = await verifyExport(upgradeId!, trusted);
      if (check.ok) out(`${upgradeId}: signed by monitoring, key ${check.kid}`);
      else err(`audit: ${upgradeId}: ${check.problem}: ${check.detail}`);
      return check.ok ? 0 : 1;
    }
    const result = await verifyTopics(brokers, topicPrefix, { security: security(), trusted });
    out(JSON.stringify(result, null, 2));
    return result.ok ? 0 : 1;
  }
  const { events, unreadable } = await replayLog(brokers, topicPrefix, security());
  if (command === 'replay') {
    const upgrades = new Map<string, number>();
    for (const e of events)
      if (!checkpointProducer(e.type)) upgrades.set(e.correlationId, (upgrades.get(e.correlationId) ?? 0) + 1);
    out(JSON.stringify({ events: events.length, unreadable, upgrades: Object.fromEntries(upgrades) }, null, 2));
    return 0;
  }
  const record = compileRecord(upgradeId!, events);
  if (record.eventCount === 0) {
    err(`audit: no events for upgrade ${upgradeId}`);
    return 1;
  }
  const hash = recordHash(record);
  // The same bytes monitoring serves at GET /records/{id}, so one signature check fits both.
  const body = flags.includes('--markdown')
    ? recordToMarkdown(record, hash)
    : JSON.stringify({ record, recordHash: hash });
  const file = flags.find((f) => f.startsWith('--out='))?.slice('--out='.length);
  if (file) {
    await writeSignedExport(file, body, env);
    out(`${file}\n${file}.jws`);
  } else {
    // Signed without the line feed that ends the printed document.
    out(body);
    err(`X-Record-Signature: ${await signExport(body, env)}`);
  }
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
