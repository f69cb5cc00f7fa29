import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { typedToken } from '../application/query-handler.js';
import { ConfigError } from '../config/config-error.js';
import { isDevelopment } from '../config/credentials.js';

/** The key a service signs its checkpoints (and monitoring its record exports) with. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Public keys auditors trust, by producing service, then by key id (several during a rotation). */
export type TrustedKeys = ReadonlyMap<ServiceName, ReadonlyMap<string, KeyObject>>;

/**
 * The development signing key: published here, so it proves nothing. It exists only where NODE_ENV
 * says development or test, like the development API keys (ADR 15); elsewhere it is refused.
 */
export const DEV_SIGNING_KEY_ID = 'development';
const DEV_SIGNING_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIB4sMQPf3Twqg+m9Nwz/so/WHxA0uYLCt/3FtdbHdGEx
-----END PRIVATE KEY-----`;
const DEV_PUBLIC_X = 'gCEENo9ige2Usvs43zy2Jfd_j5k-2ykDCBHrDDvGWnw';

const HOW_TO_MAKE = '`npm run --silent signing-key -- <kid>` makes a pair';

/** An Ed25519 key from PEM (PKCS8 private, SPKI public; `\n` escapes allowed) or a JWK's JSON. */
export function ed25519Key(text: string | object, kind: 'private' | 'public', name: string): KeyObject {
  const create = kind === 'private' ? createPrivateKey : createPublicKey;
  let key: KeyObject;
  try {
    if (typeof text === 'object') key = create({ key: text as never, format: 'jwk' });
    else {
      const trimmed = text.trim();
      key = trimmed.startsWith('{')
        ? create({ key: JSON.parse(trimmed) as never, format: 'jwk' })
        : create(trimmed.replaceAll('\\n', '\n'));
    }
  } catch (error) {
    throw new ConfigError(`${name} is not a readable ${kind} key (PEM or JWK): ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ConfigError(`${name} is an ${key.asymmetricKeyType ?? 'unknown'} key; signing needs Ed25519 (EdDSA)`);
  return key;
}

const isDevelopmentKey = (key: KeyObject) =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' }).x === DEV_PUBLIC_X;

/**
 * SIGNING_KEY and SIGNING_KEY_ID (a service's own prefix wins, e.g. INVENTORY_SIGNING_KEY). In
 * development the development key fills in; elsewhere a key must be configured and must not be
 * the development one.
 */
export function signingKeyFrom(env: NodeJS.ProcessEnv, service: string): SigningKey {
  const development = isDevelopment(env);
  if (!env.SIGNING_KEY) {
    if (development) return { kid: DEV_SIGNING_KEY_ID, privateKey: createPrivateKey(DEV_SIGNING_KEY_PEM) };
    throw new ConfigError(
      `${service} has no signing key and NODE_ENV is "${env.NODE_ENV ?? ''}", not development or test, so the ` +
        `development key is off. Set SIGNING_KEY (an Ed25519 private key, PKCS8 PEM or JWK) and SIGNING_KEY_ID ` +
        `(its key id, given to auditors with the public key); ${HOW_TO_MAKE}.`,
    );
  }
  const kid = env.SIGNING_KEY_ID?.trim();
  if (!kid) throw new ConfigError('SIGNING_KEY is set without SIGNING_KEY_ID: name the key, auditors find it by id');
  const privateKey = ed25519Key(env.SIGNING_KEY, 'private', 'SIGNING_KEY');
  if (!development && isDevelopmentKey(privateKey))
    throw new ConfigError(`SIGNING_KEY is the published development key; outside development ${HOW_TO_MAKE}`);
  return { kid, privateKey };
}

/**
 * AUDIT_PUBLIC_KEYS: JSON, or the path of a JSON file, `{"<service>": {"<kid>": <JWK or SPKI PEM>}}`.
 * Unset, development trusts the development key for every service; elsewhere it is required.
 */
export function trustedKeysFrom(env: NodeJS.ProcessEnv): TrustedKeys {
  const development = isDevelopment(env);
  const configured = env.AUDIT_PUBLIC_KEYS?.trim();
  if (!configured) {
    if (!development)
      throw new ConfigError(
        `AUDIT_PUBLIC_KEYS is not set and NODE_ENV is "${env.NODE_ENV ?? ''}": name each service's public ` +
          'signing keys, as JSON or a JSON file\'s path: {"inventory": {"<kid>": <public JWK or SPKI PEM>}, …}',
      );
    const dev = createPublicKey(createPrivateKey(DEV_SIGNING_KEY_PEM));
    return new Map(SERVICES.map((s) => [s, new Map([[DEV_SIGNING_KEY_ID, dev]])]));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(configured.startsWith('{') ? configured : readFileSync(configured, 'utf8'));
  } catch (error) {
    throw new ConfigError(`AUDIT_PUBLIC_KEYS is neither JSON nor a readable JSON file: ${(error as Error).message}`);
  }
  const trusted = new Map<ServiceName, Map<string, KeyObject>>();
  for (const [service, keys] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
    if (!(SERVICES as readonly string[]).includes(service) || typeof keys !== 'object' || keys === null)
      throw new ConfigError(`AUDIT_PUBLIC_KEYS: "${service}" is not one of ${SERVICES.join(', ')} with keys by id`);
    const byKid = new Map<string, KeyObject>();
    for (const [kid, key] of Object.entries(keys)) {
      const publicKey = ed25519Key(key as string | object, 'public', `AUDIT_PUBLIC_KEYS ${service}/${kid}`);
      if (!development && isDevelopmentKey(publicKey))
        throw new ConfigError(`AUDIT_PUBLIC_KEYS ${service}/${kid} is the published development key`);
      byKid.set(kid, publicKey);
    }
    trusted.set(service as ServiceName, byKid);
  }
  return trusted;
}

/** Where a service that verifies (monitoring) is given the keys it trusts. */
export const TRUSTED_KEYS = typedToken<TrustedKeys>('TrustedKeys');
