import { currentDefinition } from '@upgrade-control/contracts';

export const AUDIT_USAGE = [
  'usage: npm run audit -- <command> [options]',
  'commands:',
  '  replay                      every upgrade found in the topics, with its event count',
  '  verify                      every hash chain and signed checkpoint; exit 1 when one fails',
  '  export <upgradeId>          the upgrade record, signed with monitoring’s key',
  '  verify-signature <file>     check <file> against <file>.jws with monitoring’s public keys',
  'options:',
  '  --brokers=<host:port,…>     Kafka brokers (else KAFKA_BROKERS, 127.0.0.1:9092)',
  '  --upgrade=<id>              replay, verify: only this upgrade’s events and findings',
  '  --since=<ISO 8601 date>     replay, verify, export ndjson|csv: only events that occurred since',
  '  --type=<EventType>          replay, verify, export ndjson|csv: only these types (repeat or a,b)',
  '  --format=json|md|ndjson|csv export: the record (json, md), its events (ndjson) or timeline (csv)',
  '  --markdown                  export: the same as --format=md',
  '  --out=<file>                export: write <file> and <file>.jws (else stdout, the JWS on stderr)',
  '  --progress, --no-progress   a progress bar on stderr (default: when stderr is a terminal)',
  '  -h, --help                  this text',
  'verify always checks every stream; filters narrow what it reports, not what it checks or its verdict.',
  'exit codes: 0 ok, 1 verification failed or nothing to export, 2 usage, 78 configuration',
  'environment: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, AUDIT_PUBLIC_KEYS, AUDIT_KAFKA_* (secure cluster),',
  '             MONITORING_SIGNING_KEY and MONITORING_SIGNING_KEY_ID (export)',
].join('\n');

export const EXPORT_FORMATS = ['json', 'md', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which events a command reports or exports; every filter given must match. */
export interface EventFilter {
  upgrade?: string;
  since?: Date;
  types?: ReadonlySet<string>;
}

export interface LogOptions {
  brokers?: string[];
  filter: EventFilter;
  /** undefined: shown when stderr is a terminal. */
  progress?: boolean;
}

export type AuditCommand =
  | { command: 'help' }
  | ({ command: 'replay' } & LogOptions)
  | ({ command: 'verify' } & LogOptions)
  | ({ command: 'export'; upgradeId: string; format: ExportFormat; out?: string } & LogOptions)
  | { command: 'verify-signature'; file: string };

export type ParsedArguments = { ok: true; value: AuditCommand } | { ok: false; error: string };

const VALUED = ['brokers', 'upgrade', 'since', 'type', 'format', 'out'] as const;
const SWITCHES = ['markdown', 'progress', 'no-progress'] as const;
const ALLOWED: Record<string, readonly string[]> = {
  replay: ['brokers', 'upgrade', 'since', 'type', 'progress', 'no-progress'],
  verify: ['brokers', 'upgrade', 'since', 'type', 'progress', 'no-progress'],
  export: ['brokers', 'upgrade', 'since', 'type', 'format', 'markdown', 'out', 'progress', 'no-progress'],
  'verify-signature': [],
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const BROKER = /^[A-Za-z0-9.-]+:(\d{1,5})$/;

const refuse = (error: string): ParsedArguments => ({ ok: false, error: `audit: ${error}` });

/** Splits argv into positionals and options (`--name=value` or `--name value`), refusing unknown options. */
function split(argv: string[]): { positionals: string[]; options: Map<string, string[]> } | string {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [, name = '', inline] = /^--([^=]*)(?:=(.*))?$/s.exec(arg) ?? [];
    if ((SWITCHES as readonly string[]).includes(name)) {
      if (inline !== undefined) return `--${name} takes no value`;
      options.set(name, ['']);
    } else if ((VALUED as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return `--${name} needs a value`;
      options.set(name, [...(options.get(name) ?? []), value]);
    } else return `unknown option "${arg}"`;
  }
  return { positionals, options };
}

const single = (options: Map<string, string[]>, name: string): string | undefined => {
  const values = options.get(name);
  return values && values.length > 1 ? undefined : values?.[0];
};

function brokersFrom(value: string): string[] | string {
  const brokers = value.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    const port = Number(BROKER.exec(broker)?.[1]);
    if (!(port >= 1 && port <= 65535)) return `--brokers: "${broker}" is not host:port (port 1-65535)`;
  }
  return brokers;
}

function filterFrom(options: Map<string, string[]>): EventFilter | string {
  const filter: EventFilter = {};
  const since = options.get('since');
  if (since) {
    const at = new Date(since[0]!);
    if (!ISO_DATE.test(since[0]!) || Number.isNaN(at.getTime()))
      return `--since: "${since[0]}" is not an ISO 8601 date (2026-11-26 or 2026-11-26T10:00:00Z)`;
    filter.since = at;
  }
  const types = options.get('type')?.flatMap((t) => t.split(',').map((s) => s.trim()));
  if (types) {
    const unknown = types.find((t) => !currentDefinition(t));
    if (unknown !== undefined) return `--type: "${unknown}" is not an event type of the catalogue`;
    filter.types = new Set(types);
  }
  const upgrade = options.get('upgrade')?.[0];
  if (upgrade !== undefined) filter.upgrade = upgrade;
  return filter;
}

/** Reads the command line without touching Kafka or the environment: usage errors cost nothing. */
export function parseAuditArguments(argv: string[]): ParsedArguments {
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help')
    return { ok: true, value: { command: 'help' } };
  const parts = split(argv);
  if (typeof parts === 'string') return refuse(parts);
  const { positionals, options } = parts;
  const [command, argument, ...extra] = positionals;
  if (command === undefined) return refuse('a command is needed');
  const allowed = ALLOWED[command];
  if (!allowed) return refuse(`unknown command "${command}"`);
  for (const name of options.keys()) {
    if (!allowed.includes(name)) return refuse(`--${name} does not apply to ${command}`);
    if (name !== 'type' && single(options, name) === undefined) return refuse(`--${name} is given more than once`);
  }
  if (extra.length > 0) return refuse(`unexpected argument "${extra[0]}"`);
  if (command === 'verify-signature')
    return argument === undefined
      ? refuse('verify-signature needs a <file>')
      : { ok: true, value: { command, file: argument } };
  if (options.has('progress') && options.has('no-progress')) return refuse('--progress and --no-progress contradict');
  const brokers = options.has('brokers') ? brokersFrom(single(options, 'brokers')!) : undefined;
  if (typeof brokers === 'string') return refuse(brokers);
  const filter = filterFrom(options);
  if (typeof filter === 'string') return refuse(filter);
  const progress = options.has('progress') ? true : options.has('no-progress') ? false : undefined;
  const log: LogOptions = { filter, ...(brokers && { brokers }), ...(progress !== undefined && { progress }) };
  if (command !== 'export') {
    if (argument !== undefined) return refuse(`unexpected argument "${argument}"`);
    return { ok: true, value: { command: command as 'replay' | 'verify', ...log } };
  }
  return exportCommand(argument, options, log);
}

function exportCommand(argument: string | undefined, options: Map<string, string[]>, log: LogOptions): ParsedArguments {
  const upgradeId = argument ?? log.filter.upgrade;
  if (upgradeId === undefined) return refuse('export needs an <upgradeId> (or --upgrade=<id>)');
  if (argument !== undefined && log.filter.upgrade !== undefined && log.filter.upgrade !== argument)
    return refuse(`--upgrade: "${log.filter.upgrade}" differs from the <upgradeId> "${argument}"`);
  const named = single(options, 'format');
  if (named !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(named))
    return refuse(`--format: "${named}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  if (named !== undefined && named !== 'md' && options.has('markdown'))
    return refuse(`--markdown contradicts --format=${named}`);
  const format = (named ?? (options.has('markdown') ? 'md' : 'json')) as ExportFormat;
  if ((format === 'json' || format === 'md') && (log.filter.since || log.filter.types))
    return refuse(
      `--${log.filter.since ? 'since' : 'type'} applies to the ndjson and csv exports; the signed record (${format}) is always whole`,
    );
  const out = single(options, 'out');
  return {
    ok: true,
    value: {
      command: 'export',
      upgradeId,
      format,
      ...(out !== undefined && { out }),
      ...log,
      filter: { ...log.filter, upgrade: upgradeId },
    },
  };
}

/** Whether an event passes every filter given. */
export function matches(
  filter: EventFilter,
  event: { correlationId: string; occurredAt: string; type: string },
): boolean {
  return (
    (filter.upgrade === undefined || event.correlationId === filter.upgrade) &&
    (filter.since === undefined || Date.parse(event.occurredAt) >= filter.since.getTime()) &&
    (filter.types === undefined || filter.types.has(event.type))
  );
}
