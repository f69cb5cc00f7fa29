/**
 * The auditor's tool (README "Auditing", ADR 0026): reads the four topics from offset 0,
 * verifies every hash chain and signed checkpoint as the records stream by (one chain head per
 * stream, never the whole log), and exports an upgrade's record exactly as monitoring compiles it.
 * `npm run audit -- --help` lists commands, options and exit codes; it is answered before any
 * setting is read or Kafka is reached.
 */
import type { EventEnvelope } from '@upgrade-control/contracts';
import {
  ConfigError,
  foldLog,
  KafkaJsBus,
  kafkaSecurityFrom,
  trustedKeysFrom,
  type FoldedVerification,
  type KafkaSecurity,
  type TrustedKeys,
} from '@upgrade-control/platform';
import { AUDIT_USAGE, parseAuditArguments, type AuditCommand, type EventFilter } from './audit-arguments.js';
import { exportBody } from './audit-exports.js';
import { kafkaLog, type KafkaLog } from './audit-log.js';
import { replayProgress, type ReplayProgress } from './audit-progress.js';
import { replayCounts } from './audit-replay.js';
import { signExport, verifyExport, writeSignedExport } from './audit-signatures.js';
import { scoped } from './audit-scope.js';

export { AUDIT_USAGE } from './audit-arguments.js';

/** Where the progress bar goes, and whether it is a terminal (then the bar is on by default). */
export interface AuditTerminal {
  stream: NodeJS.WritableStream;
  isTTY: boolean;
}

const openLog = (
  brokers: string[],
  topicPrefix: string,
  security?: KafkaSecurity,
  progress?: ReplayProgress,
): KafkaLog =>
  kafkaLog(
    new KafkaJsBus({ clientId: 'upgrade-control-audit', brokers, security }),
    topicPrefix,
    progress ?? replayProgress(false, process.stderr),
  );

/** The whole log in memory, for tests that compare it with a service; the CLI itself never holds it. */
export async function replayLog(
  brokers: string[],
  topicPrefix: string,
  security?: KafkaSecurity,
): Promise<{ events: EventEnvelope[]; unreadable: number }> {
  const log = openLog(brokers, topicPrefix, security);
  const events: EventEnvelope[] = [];
  for await (const event of log.read('replay')) events.push(event);
  return { events, unreadable: log.unreadable() };
}

export type TopicVerification = FoldedVerification & {
  ok: boolean;
  unreadable: number;
  /** With filters: what they matched and how many findings they left out of the report. */
  scope?: { streams: number; events: number; unreportedFindings: number };
};

/**
 * `verify`: every record of the four topics, redeliveries included, through the streaming fold
 * (chains and signed checkpoints). `ok` is the verdict on the whole log whatever the filter; the
 * filter only narrows which findings are listed.
 */
export async function verifyTopics(
  brokers: string[],
  topicPrefix: string,
  {
    security,
    trusted = trustedKeysFrom(process.env),
    filter,
    progress,
  }: { security?: KafkaSecurity; trusted?: TrustedKeys; filter?: EventFilter; progress?: ReplayProgress } = {},
): Promise<TopicVerification> {
  const log = openLog(brokers, topicPrefix, security, progress);
  const scope = filter && Object.keys(filter).length > 0 ? scoped(filter) : undefined;
  let pass = 0;
  const { retained: _retained, ...result } = await foldLog(() => {
    pass += 1;
    const records = log.read(pass === 1 ? 'verify' : 'verify (passed versions)');
    return scope ? scope.tap(records) : records;
  }, trusted);
  const ok = result.broken.length === 0 && result.checkpoints.broken.length === 0;
  return { ok, unreadable: log.unreadable(), ...(scope ? scope.report(result) : result) };
}

/** Runs one command; the exit code is returned. Usage errors and --help are answered before Kafka is read. */
export async function runAudit(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  terminal: AuditTerminal = { stream: process.stderr, isTTY: process.stderr.isTTY === true },
): Promise<number> {
  const parsed = parseAuditArguments(argv);
  if (!parsed.ok) {
    err(`${parsed.error}\n${AUDIT_USAGE}`);
    return 2;
  }
  if (parsed.value.command === 'help') {
    out(AUDIT_USAGE);
    return 0;
  }
  try {
    return await run(parsed.value, env, out, err, terminal);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`audit: configuration error: ${error.message}`);
    return 78;
  }
}

async function run(
  command: Exclude<AuditCommand, { command: 'help' }>,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  terminal: AuditTerminal,
): Promise<number> {
  if (command.command === 'verify-signature') {
    const check = await verifyExport(command.file, trustedKeysFrom(env));
    if (check.ok) out(`${command.file}: signed by monitoring, key ${check.kid}`);
    else err(`audit: ${command.file}: ${check.problem}: ${check.detail}`);
    return check.ok ? 0 : 1;
  }
  const brokers = command.brokers ?? (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  // Settings are read before Kafka is reached: a missing key is a configuration error, not a hang.
  const trusted = command.command === 'verify' ? trustedKeysFrom(env) : undefined;
  const security = kafkaSecurityFrom(env, 'audit');
  const progress = replayProgress(command.progress ?? terminal.isTTY, terminal.stream);
  if (command.command === 'verify') {
    const result = await verifyTopics(brokers, topicPrefix, { security, trusted, filter: command.filter, progress });
    out(JSON.stringify(result, null, 2));
    return result.ok ? 0 : 1;
  }
  const log = openLog(brokers, topicPrefix, security, progress);
  if (command.command === 'replay') {
    const counts = await replayCounts(log.read('replay'), command.filter);
    out(JSON.stringify({ events: counts.events, unreadable: log.unreadable(), upgrades: counts.upgrades }, null, 2));
    return 0;
  }
  // Only this upgrade's events are kept: an export holds one record, never the log.
  const events: EventEnvelope[] = [];
  for await (const e of log.read('export')) if (e.correlationId === command.upgradeId) events.push(e);
  const body = exportBody(command.format, command.upgradeId, events, command.filter);
  if (body === null) {
    const narrowed = command.filter.since || command.filter.types ? ' matching --since/--type' : '';
    err(`audit: no events${narrowed} for upgrade ${command.upgradeId}`);
    return 1;
  }
  if (command.out) {
    await writeSignedExport(command.out, body, env);
    out(`${command.out}\n${command.out}.jws`);
  } else {
    // json and md are signed without the line feed that ends the printed document; ndjson and
    // csv end with their own, so they print exactly the signed bytes.
    out(body.endsWith('\n') ? body.slice(0, -1) : body);
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
