import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { DEV_SIGNING_KEY_ID, signingKeyFrom, trustedKeysFrom } from './signing-keys.js';

const ed25519 = () => generateKeyPairSync('ed25519');
const pem = (key: ReturnType<typeof ed25519>) => ({
  private: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  public: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  publicJwk: key.publicKey.export({ format: 'jwk' }),
});
const production = (env: NodeJS.ProcessEnv = {}) => ({ NODE_ENV: 'production', ...env });
const devPublicJwk = () =>
  [...trustedKeysFrom({ NODE_ENV: 'test' }).get('inventory')!.values()][0]!.export({ format: 'jwk' });

describe('the signing key, secure by default', () => {
  it.each(['development', 'test'])('is the development key when NODE_ENV is %s and none is set', (NODE_ENV) => {
    const key = signingKeyFrom({ NODE_ENV }, 'planning');
    expect(key.kid).toBe(DEV_SIGNING_KEY_ID);
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it('is required outside development, and the refusal says what to set', () => {
    const refusal = () => signingKeyFrom(production(), 'inventory');
    expect(refusal).toThrow(ConfigError);
    expect(refusal).toThrow(
      /inventory has no signing key and NODE_ENV is "production".*Set SIGNING_KEY \(an Ed25519 private key, PKCS8 PEM or JWK\) and SIGNING_KEY_ID/,
    );
    expect(() => signingKeyFrom({}, 'inventory')).toThrow(/NODE_ENV is "", not development or test/);
  });

  it('reads a PKCS8 PEM (also with \\n escapes, as env files hold it) or a JWK, with its key id', () => {
    const key = pem(ed25519());
    const jwk = JSON.stringify(ed25519().privateKey.export({ format: 'jwk' }));
    for (const SIGNING_KEY of [key.private, key.private.replaceAll('\n', '\\n'), jwk])
      expect(signingKeyFrom(production({ SIGNING_KEY, SIGNING_KEY_ID: 'inv-2026' }), 'inventory').kid).toBe('inv-2026');
  });

  it('refuses a key without id, a key that is not Ed25519, an unreadable one, and the development key', () => {
    const key = pem(ed25519()).private;
    expect(() => signingKeyFrom(production({ SIGNING_KEY: key }), 'x')).toThrow(
      'SIGNING_KEY is set without SIGNING_KEY_ID: name the key, auditors find it by id',
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => signingKeyFrom(production({ SIGNING_KEY: ec, SIGNING_KEY_ID: 'k' }), 'x')).toThrow(
      'SIGNING_KEY is an ec key; signing needs Ed25519 (EdDSA)',
    );
    expect(() => signingKeyFrom(production({ SIGNING_KEY: 'secret', SIGNING_KEY_ID: 'k' }), 'x')).toThrow(
      /SIGNING_KEY is not a readable private key \(PEM or JWK\)/,
    );
    const dev = signingKeyFrom({ NODE_ENV: 'test' }, 'x').privateKey.export({ format: 'jwk' });
    expect(() => signingKeyFrom(production({ SIGNING_KEY: JSON.stringify(dev), SIGNING_KEY_ID: 'k' }), 'x')).toThrow(
      /SIGNING_KEY is the published development key/,
    );
    // In development a configured key is taken as given, even the development one.
    expect(signingKeyFrom({ NODE_ENV: 'test', SIGNING_KEY: JSON.stringify(dev), SIGNING_KEY_ID: 'k' }, 'x').kid).toBe(
      'k',
    );
  });
});

describe('the public keys auditors trust', () => {
  it('are the development key for every service in development, and required elsewhere', () => {
    const trusted = trustedKeysFrom({ NODE_ENV: 'test' });
    expect([...trusted.keys()]).toEqual(['inventory', 'planning', 'execution', 'monitoring']);
    expect([...trusted.get('execution')!.keys()]).toEqual([DEV_SIGNING_KEY_ID]);
    expect(() => trustedKeysFrom(production())).toThrow(
      /AUDIT_PUBLIC_KEYS is not set and NODE_ENV is "production": name each service's public signing keys/,
    );
  });

  it('come as JSON or a JSON file, by service and key id, as JWK or SPKI PEM', () => {
    const [a, b] = [pem(ed25519()), pem(ed25519())];
    const json = JSON.stringify({ inventory: { 'inv-1': a.publicJwk, 'inv-2': b.public }, monitoring: {} });
    const file = join(mkdtempSync(join(tmpdir(), 'uc-keys-')), 'keys.json');
    writeFileSync(file, json);
    for (const AUDIT_PUBLIC_KEYS of [json, file]) {
      const trusted = trustedKeysFrom(production({ AUDIT_PUBLIC_KEYS }));
      expect([...trusted.get('inventory')!.keys()]).toEqual(['inv-1', 'inv-2']);
      expect(trusted.get('monitoring')!.size).toBe(0);
      expect(trusted.has('planning')).toBe(false);
    }
  });

  it('refuse an unknown service, an unreadable value and the development key outside development', () => {
    expect(() => trustedKeysFrom(production({ AUDIT_PUBLIC_KEYS: '{"billing":{}}' }))).toThrow(
      'AUDIT_PUBLIC_KEYS: "billing" is not one of inventory, planning, execution, monitoring with keys by id',
    );
    expect(() => trustedKeysFrom(production({ AUDIT_PUBLIC_KEYS: '/nonexistent/keys.json' }))).toThrow(
      /AUDIT_PUBLIC_KEYS is neither JSON nor a readable JSON file/,
    );
    const dev = JSON.stringify({ planning: { development: devPublicJwk() } });
    expect(() => trustedKeysFrom(production({ AUDIT_PUBLIC_KEYS: dev }))).toThrow(
      'AUDIT_PUBLIC_KEYS planning/development is the published development key',
    );
  });
});
