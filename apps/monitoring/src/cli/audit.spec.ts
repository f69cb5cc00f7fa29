import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSignedExport } from './audit-signatures.js';
import { AUDIT_USAGE, runAudit } from './audit.js';

/** Runs the CLI against a broker address nothing listens on: any attempt to read Kafka would fail. */
async function runIn(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAudit(
    argv,
    { KAFKA_BROKERS: '127.0.0.1:1', ...env },
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const run = (...argv: string[]) => runIn({}, ...argv);

describe('npm run audit usage', () => {
  it('prints usage for --help without reading Kafka', async () => {
    expect(await run('--help')).toEqual({ code: 0, out: AUDIT_USAGE, err: '' });
    expect(await run('-h')).toEqual({ code: 0, out: AUDIT_USAGE, err: '' });
    expect((await run('verify', '--help')).code).toBe(0);
  });

  it('answers no command, an unknown one, an unknown option or a bad value with the reason, usage and exit code 2', async () => {
    expect(await run()).toEqual({ code: 2, out: '', err: `audit: a command is needed\n${AUDIT_USAGE}` });
    expect(await run('frobnicate')).toEqual({
      code: 2,
      out: '',
      err: `audit: unknown command "frobnicate"\n${AUDIT_USAGE}`,
    });
    expect(await run('verify', '--frobnicate')).toEqual({
      code: 2,
      out: '',
      err: `audit: unknown option "--frobnicate"\n${AUDIT_USAGE}`,
    });
    expect((await run('replay', '--since=soon')).err).toMatch(/^audit: --since: "soon" is not an ISO 8601 date/);
    expect((await run('export')).code).toBe(2);
    expect((await run('export', 'u-1', '--out')).code).toBe(2);
  });

  it('refuses to verify outside development without trusted public keys, before reading Kafka', async () => {
    const refused = await runIn({ NODE_ENV: 'production' }, 'verify');
    expect(refused.code).toBe(78);
    expect(refused.err).toMatch(
      /^audit: configuration error: AUDIT_PUBLIC_KEYS is not set and NODE_ENV is "production"/,
    );
  });
});

describe('npm run audit -- verify-signature', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uc-export-'));
  const pair = () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return {
      private: JSON.stringify(privateKey.export({ format: 'jwk' })),
      public: publicKey.export({ format: 'jwk' }),
    };
  };
  const monitoringKey = pair();
  const env = {
    NODE_ENV: 'production',
    MONITORING_SIGNING_KEY: monitoringKey.private,
    MONITORING_SIGNING_KEY_ID: 'mon-2027',
    AUDIT_PUBLIC_KEYS: JSON.stringify({ monitoring: { 'mon-2027': monitoringKey.public } }),
  };

  it('accepts an export signed with monitoring’s key, and names the key', async () => {
    const file = join(dir, 'record.json');
    await writeSignedExport(file, '{"record":{}}', env);
    expect(readFileSync(`${file}.jws`, 'utf8')).toMatch(/^[\w-]+\.\.[\w-]+\n$/);
    expect(await runIn(env, 'verify-signature', file)).toEqual({
      code: 0,
      out: `${file}: signed by monitoring, key mon-2027`,
      err: '',
    });
  });

  it('refuses an altered export, and one signed by another key under the same id, with exit 1', async () => {
    const file = join(dir, 'altered.json');
    await writeSignedExport(file, '{"record":{"outcome":"succeeded"}}', env);
    writeFileSync(file, '{"record":{"outcome":"failed"}}');
    expect(await runIn(env, 'verify-signature', file)).toEqual({
      code: 1,
      out: '',
      err: `audit: ${file}: bad-signature: the signature does not verify with key "mon-2027"`,
    });
    const forged = join(dir, 'forged.json');
    await writeSignedExport(forged, '{}', { ...env, MONITORING_SIGNING_KEY: pair().private });
    expect((await runIn(env, 'verify-signature', forged)).code).toBe(1);
  });
});
