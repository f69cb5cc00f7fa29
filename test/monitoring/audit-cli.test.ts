import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { eventsTopic, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { AUDIT_USAGE, runAudit } from '../../apps/monitoring/src/cli/audit.js';
import { TIMELINE_COLUMNS, timelineCsv } from '../../apps/monitoring/src/cli/audit-exports.js';
import { kafkaBrokers, uniqueName } from '../support/environment.js';
import { sendRaw, testBus } from '../support/kafka.js';
import { draftPlanStream } from '../support/published-history.js';

const CLOSED_PORT = '127.0.0.1:1';

/** `npm run audit` as an auditor types it, as its own process. */
async function auditProcess(env: NodeJS.ProcessEnv, ...argv: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'audit', '--', ...argv], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run audit against real topics', () => {
  const prefix = `${uniqueName('auditcli')}.`;
  const topic = `${prefix}${eventsTopic('planning')}`;
  const env = { KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix };
  const first = draftPlanStream('cli-1');
  const second = draftPlanStream('cli-2');
  // A stream whose second event was altered after it was sealed: its own hash gives it away.
  const tampered: EventEnvelope[] = draftPlanStream('cli-bad').map((e, i) =>
    i === 1 ? { ...e, actor: { id: 'mallory', role: 'planner' as const } } : e,
  );
  const dir = mkdtempSync(join(tmpdir(), 'uc-audit-cli-'));

  const audit = async (argv: string[], terminal = { stream: new PassThrough(), isTTY: false }, overrides = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAudit(
      argv,
      { ...process.env, ...env, ...overrides },
      (t) => out.push(t),
      (t) => err.push(t),
      terminal,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    await testBus().ensureTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
    await sendRaw(
      topic,
      [...first, ...second, ...tampered].map((e) => toKafkaRecord(e)),
    );
  });

  it('answers --help as a process with no broker to reach, and refuses an unknown option with usage and exit 2', async () => {
    const help = await auditProcess({ KAFKA_BROKERS: CLOSED_PORT }, '--help');
    expect(help).toEqual({ code: 0, stdout: `${AUDIT_USAGE}\n`, stderr: '' });
    const unknown = await auditProcess({ KAFKA_BROKERS: CLOSED_PORT }, 'verify', '--fast');
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: `audit: unknown option "--fast"\n${AUDIT_USAGE}\n` });
  });

  it('verifies the whole log whatever the filter, and lists only the findings on the filtered upgrade', async () => {
    const clean = await audit(['verify', '--upgrade=cli-1']);
    expect(clean.code).toBe(1);
    expect(JSON.parse(clean.out)).toMatchObject({
      ok: false,
      streams: 3,
      broken: [],
      scope: { streams: 1, events: first.length, unreportedFindings: 1 },
    });
    const bad = await audit(['verify', '--upgrade', 'cli-bad']);
    expect(JSON.parse(bad.out)).toMatchObject({
      ok: false,
      broken: [{ streamId: 'upgrade-cli-bad', streamVersion: 2, problem: 'hash-mismatch' }],
      scope: { streams: 1, unreportedFindings: 0 },
    });
  });

  it('reads the brokers from --brokers before KAFKA_BROKERS', async () => {
    const result = await audit(['replay', `--brokers=${kafkaBrokers().join(',')}`], undefined, {
      KAFKA_BROKERS: CLOSED_PORT,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).upgrades).toEqual({
      'cli-1': first.length,
      'cli-2': second.length,
      'cli-bad': tampered.length,
    });
  });

  it('counts only the events of the given types since the given date in a replay', async () => {
    const since = first[2]!.occurredAt;
    const types = [...new Set(first.slice(2).map((e) => e.type))];
    const result = await audit(['replay', `--since=${since}`, `--type=${types.join(',')}`]);
    const expected = (stream: EventEnvelope[]) =>
      stream.filter((e) => e.occurredAt >= since && types.includes(e.type)).length;
    expect(JSON.parse(result.out)).toEqual({
      events: expected(first) + expected(second) + expected(tampered),
      unreadable: 0,
      upgrades: { 'cli-1': expected(first), 'cli-2': expected(second), 'cli-bad': expected(tampered) },
    });
  });

  it('exports the record as JSON and Markdown, each with a signature that verifies', async () => {
    for (const [format, file] of [
      ['json', join(dir, 'cli-1.json')],
      ['md', join(dir, 'cli-1.md')],
    ] as const) {
      expect(await audit(['export', 'cli-1', `--format=${format}`, `--out=${file}`])).toMatchObject({ code: 0 });
      expect((await audit(['verify-signature', file])).code).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'cli-1.json'), 'utf8')).record).toMatchObject({
      upgradeId: 'cli-1',
      eventCount: first.length,
    });
    expect(readFileSync(join(dir, 'cli-1.md'), 'utf8')).toMatch(/^# /);
  });

  it('exports the upgrade’s events as NDJSON, one whole envelope per line, signed', async () => {
    const file = join(dir, 'cli-2.ndjson');
    expect(await audit(['export', '--upgrade=cli-2', '--format=ndjson', `--out=${file}`])).toMatchObject({ code: 0 });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as EventEnvelope)).toEqual(second);
    expect(await audit(['verify-signature', file])).toMatchObject({ code: 0 });
  });

  it('exports the record’s timeline as CSV narrowed by --type, and refuses when nothing matches', async () => {
    const file = join(dir, 'cli-1.csv');
    const type = first[0]!.type;
    expect(await audit(['export', 'cli-1', '--format=csv', `--type=${type}`, `--out=${file}`])).toMatchObject({
      code: 0,
    });
    const csv = readFileSync(file, 'utf8');
    expect(csv).toBe(timelineCsv(first.filter((e) => e.type === type)));
    expect(csv.startsWith(`${TIMELINE_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(await audit(['verify-signature', file])).toMatchObject({ code: 0 });
    expect(await audit(['export', 'cli-1', '--format=csv', '--since=2099-01-01'])).toEqual({
      code: 1,
      out: '',
      err: 'audit: no events matching --since/--type for upgrade cli-1',
    });
  });

  it('prints an NDJSON export with exactly the signed bytes, and its signature on stderr', async () => {
    const printed = await audit(['export', 'cli-1', '--format=ndjson']);
    expect(printed.code).toBe(0);
    expect(`${printed.out}\n`).toBe(first.map((e) => `${JSON.stringify(e)}\n`).join(''));
    expect(printed.err).toMatch(/^X-Record-Signature: [\w-]+\.\.[\w-]+$/);
  });

  it('draws a progress bar on the terminal stream with --progress, and nothing without', async () => {
    const drawn = (stream: PassThrough) => {
      const chunks: string[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c.toString()));
      return () => chunks.join('');
    };
    const bar = new PassThrough();
    const shown = drawn(bar);
    expect((await audit(['replay', '--progress'], { stream: bar, isTTY: false })).code).toBe(0);
    expect(shown()).toMatch(/audit replay .*\d+\/\d+ records/);
    const quiet = new PassThrough();
    const none = drawn(quiet);
    expect((await audit(['replay'], { stream: quiet, isTTY: false })).code).toBe(0);
    expect(none()).toBe('');
  });

  it('takes a copy of a passed version as a redelivery after a second read of the log', async () => {
    // A relay retry: the second event of cli-1 once more, after the whole stream.
    await sendRaw(topic, [toKafkaRecord(first[1]!)]);
    const result = JSON.parse((await audit(['verify', '--upgrade=cli-1'])).out);
    expect(result).toMatchObject({ redeliveries: 1, broken: [], scope: { unreportedFindings: 1 } });
  });
});
