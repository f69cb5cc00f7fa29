import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICES = ['inventory', 'planning', 'execution', 'monitoring'];
const SIGNING = SERVICES.flatMap((s) => [`${s.toUpperCase()}_SIGNING_KEY`, `${s.toUpperCase()}_SIGNING_KEY_ID`]);
const SECRETS = [
  'API_KEYS',
  'POSTGRES_PASSWORD',
  'DATABASE_PASSWORD',
  'MIGRATION_DATABASE_PASSWORD',
  'AUDIT_PUBLIC_KEYS',
];

/**
 * `docker compose config` (or the standalone docker-compose) validates and normalises the file,
 * with the variables of `envFile` and none of the caller's own secrets.
 */
function composeConfig(envFile: string): string {
  const env = { ...process.env };
  for (const name of [...SECRETS, ...SIGNING]) delete env[name];
  const attempts: [string, string[]][] = [
    ['docker', ['compose', '--env-file', envFile, '-f', 'docker-compose.yml', 'config']],
    ['docker-compose', ['--env-file', envFile, '-f', 'docker-compose.yml', 'config']],
  ];
  const failures: string[] = [];
  for (const [command, args] of attempts) {
    try {
      return execFileSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      failures.push(`${command}: ${(stderr || message).trim()}`);
    }
  }
  throw new Error(failures.join('\n'));
}

const envFile = (lines: string[]) => {
  const file = join(mkdtempSync(join(tmpdir(), 'uc-compose-')), '.env');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const random = () => randomBytes(32).toString('hex');
/** Each service's own signing key and id, and the public keys monitoring trusts (ADR 20). */
const signing = () => [...SIGNING.map((name) => `${name}=${random()}`), `AUDIT_PUBLIC_KEYS='{}'`];
const secrets = (over: Record<string, string> = {}) => [
  ...Object.entries({
    POSTGRES_PASSWORD: random(),
    API_KEYS: `bob:approver:${random()}`,
    DATABASE_PASSWORD: random(),
    MIGRATION_DATABASE_PASSWORD: random(),
    ...over,
  }).map(([name, value]) => `${name}=${value}`),
];

describe('docker-compose.yml', () => {
  it('parses, and wires Kafka, PostgreSQL and the four services with health checks', () => {
    const config = composeConfig(envFile([...secrets(), ...signing()]));
    for (const service of ['kafka', 'postgres', 'db-prepare', 'inventory', 'planning', 'execution', 'monitoring'])
      expect(config).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    expect(config).toContain('apache/kafka');
    expect(config).toContain('condition: service_healthy');
    expect(config.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses to run without the secrets from .env, and says where to set them', () => {
    expect(() => composeConfig(envFile([]))).toThrow(
      /set (API_KEYS|POSTGRES_PASSWORD|DATABASE_PASSWORD|MIGRATION_DATABASE_PASSWORD) in \.env/,
    );
    expect(() => composeConfig(envFile(secrets()))).toThrow(
      /set ([A-Z]+_SIGNING_KEY(_ID)?|AUDIT_PUBLIC_KEYS) in \.env/,
    );
  });

  it('passes the secrets of .env to every service, and nothing else', () => {
    const [password, hash, app, owner] = [random(), random(), random(), random()];
    const keys = signing();
    const config = composeConfig(
      envFile([
        ...secrets({
          POSTGRES_PASSWORD: password,
          API_KEYS: `bob:approver:${hash}`,
          DATABASE_PASSWORD: app,
          MIGRATION_DATABASE_PASSWORD: owner,
        }),
        ...keys,
      ]),
    );
    expect(config.match(new RegExp(`API_KEYS: bob:approver:${hash}`, 'g'))).toHaveLength(4);
    // The superuser's password reaches only the db-prepare job; the services get their roles' (ADR 17).
    expect(config.match(new RegExp(`postgres://postgres:${password}@postgres:5432`, 'g'))).toHaveLength(1);
    expect(config.match(new RegExp(`DATABASE_PASSWORD: ${app}$`, 'gm'))).toHaveLength(5);
    expect(config.match(new RegExp(`MIGRATION_DATABASE_PASSWORD: ${owner}$`, 'gm'))).toHaveLength(5);
    // Each service gets its own signing key, and only its own.
    for (const line of keys.filter((l) => l.includes('_SIGNING_KEY=')))
      expect(config.split(line.split('=')[1]!).length - 1).toBe(1);
  });

  it('holds no working default credential', () => {
    const file = readFileSync('docker-compose.yml', 'utf8');
    expect(file).not.toMatch(/dev-(planner|approver|operator|observer|auditor|agent)/);
    expect(file).not.toContain('development-only-secret');
    expect(file).not.toContain('JWT_SECRET');
    // Every credential is a required variable, never a literal or a ${VAR:-default}.
    for (const name of SECRETS) {
      // A YAML anchor (&name) names the value; an alias (*name) repeats one checked here.
      const values = [...file.matchAll(new RegExp(`(?<![A-Z_])${name}: (?:&[\\w-]+ )?(.*)$`, 'gm'))]
        .map((m) => m[1]!)
        .filter((value) => !value.startsWith('*'));
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    for (const value of [...file.matchAll(/SIGNING_KEY(_ID)?: (.*)$/gm)].map((m) => m[2]))
      expect(value).toMatch(/^\$\{[A-Z]+_SIGNING_KEY(_ID)?:\?/);
    expect(file).toMatch(/postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?/);
  });
});
