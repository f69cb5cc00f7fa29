import { parseAuditArguments } from './audit-arguments.js';

const parse = (...argv: string[]) => parseAuditArguments(argv);
const refused = (...argv: string[]) => {
  const parsed = parseAuditArguments(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(' ')}`);
  return parsed.error;
};

describe('the audit command line', () => {
  it('answers -h and --help anywhere, even beside a mistake', () => {
    for (const argv of [['-h'], ['--help'], ['help'], ['verify', '--help'], ['export', '--since=never', '-h']])
      expect(parseAuditArguments(argv)).toEqual({ ok: true, value: { command: 'help' } });
  });

  it('reads the filters, in both --name=value and --name value forms, --type repeated or as a list', () => {
    expect(
      parse(
        'verify',
        '--brokers',
        'kafka-1:9092,kafka-2:9093',
        '--upgrade=u-1',
        '--since',
        '2026-11-26',
        '--type=UpgradeProposed,UpgradeApproved',
        '--type',
        'UpgradeCancelled',
      ),
    ).toEqual({
      ok: true,
      value: {
        command: 'verify',
        brokers: ['kafka-1:9092', 'kafka-2:9093'],
        filter: {
          upgrade: 'u-1',
          since: new Date('2026-11-26T00:00:00Z'),
          types: new Set(['UpgradeProposed', 'UpgradeApproved', 'UpgradeCancelled']),
        },
      },
    });
    expect(parse('replay', '--since=2026-11-26T10:00:00.5+01:00', '--no-progress')).toEqual({
      ok: true,
      value: { command: 'replay', filter: { since: new Date('2026-11-26T09:00:00.5Z') }, progress: false },
    });
  });

  it('reads an export: its upgrade, its format (json by default, --markdown as md) and its file', () => {
    expect(parse('export', 'u-1')).toEqual({
      ok: true,
      value: { command: 'export', upgradeId: 'u-1', format: 'json', filter: { upgrade: 'u-1' } },
    });
    expect(parse('export', '--upgrade=u-1', '--markdown', '--out=r.md', '--progress')).toEqual({
      ok: true,
      value: {
        command: 'export',
        upgradeId: 'u-1',
        format: 'md',
        out: 'r.md',
        progress: true,
        filter: { upgrade: 'u-1' },
      },
    });
    expect(parse('export', 'u-1', '--format=csv', '--type=UpgradeProposed')).toMatchObject({
      ok: true,
      value: { format: 'csv', filter: { upgrade: 'u-1', types: new Set(['UpgradeProposed']) } },
    });
  });

  it('refuses a bad value, naming the option and the rule', () => {
    expect(refused('verify', '--since=yesterday')).toBe(
      'audit: --since: "yesterday" is not an ISO 8601 date (2026-11-26 or 2026-11-26T10:00:00Z)',
    );
    expect(refused('verify', '--since=2026-13-45')).toMatch(/^audit: --since: "2026-13-45" is not an ISO 8601 date/);
    expect(refused('replay', '--type=UpgradeProposed,NoSuchThing')).toBe(
      'audit: --type: "NoSuchThing" is not an event type of the catalogue',
    );
    expect(refused('verify', '--brokers=kafka')).toBe('audit: --brokers: "kafka" is not host:port (port 1-65535)');
    expect(refused('verify', '--brokers=kafka:0')).toBe('audit: --brokers: "kafka:0" is not host:port (port 1-65535)');
    expect(refused('export', 'u-1', '--format=xml')).toBe('audit: --format: "xml" is not one of json, md, ndjson, csv');
    expect(refused('export', 'u-1', '--out')).toBe('audit: --out needs a value');
  });

  it('refuses unknown options and commands, and options a command does not take', () => {
    expect(refused('verify', '--frobnicate')).toBe('audit: unknown option "--frobnicate"');
    expect(refused('verify', '-x')).toBe('audit: unknown option "-x"');
    expect(refused('frobnicate')).toBe('audit: unknown command "frobnicate"');
    expect(refused()).toBe('audit: a command is needed');
    expect(refused('verify', '--markdown')).toBe('audit: --markdown does not apply to verify');
    expect(refused('verify-signature', 'f.json', '--brokers=k:9092')).toBe(
      'audit: --brokers does not apply to verify-signature',
    );
    expect(refused('verify', 'extra')).toBe('audit: unexpected argument "extra"');
    expect(refused('verify', '--upgrade=a', '--upgrade=b')).toBe('audit: --upgrade is given more than once');
    expect(refused('verify', '--progress', '--no-progress')).toBe('audit: --progress and --no-progress contradict');
    expect(refused('verify', '--progress=yes')).toBe('audit: --progress takes no value');
  });

  it('refuses an export without an upgrade, with two, or with filters that would change the signed record', () => {
    expect(refused('export')).toBe('audit: export needs an <upgradeId> (or --upgrade=<id>)');
    expect(refused('export', 'u-1', '--upgrade=u-2')).toBe(
      'audit: --upgrade: "u-2" differs from the <upgradeId> "u-1"',
    );
    expect(refused('export', 'u-1', '--since=2026-11-26')).toBe(
      'audit: --since applies to the ndjson and csv exports; the signed record (json) is always whole',
    );
    expect(refused('export', 'u-1', '--format=md', '--type=UpgradeProposed')).toBe(
      'audit: --type applies to the ndjson and csv exports; the signed record (md) is always whole',
    );
    expect(refused('export', 'u-1', '--markdown', '--format=csv')).toBe('audit: --markdown contradicts --format=csv');
    expect(refused('verify-signature')).toBe('audit: verify-signature needs a <file>');
  });
});
