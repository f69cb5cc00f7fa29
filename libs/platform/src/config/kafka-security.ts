import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';
import { isDevelopment } from './credentials.js';

/** How a client proves itself to the brokers and trusts them (ADR 0018); null parts are off. */
export interface KafkaSecurity {
  /** TLS with certificate verification always on; `ca` replaces Node's public CAs when given. */
  tls: { ca?: string } | null;
  sasl: { mechanism: 'scram-sha-512'; username: string; password: string } | null;
}

/** The brokers store SCRAM credentials per mechanism; ours are SCRAM-SHA-512 only. */
const MECHANISMS = ['scram-sha-512'] as const;
const WHAT_TO_SET =
  'Set KAFKA_SSL=true (with KAFKA_SSL_CA_FILE for a private CA), KAFKA_SASL_MECHANISM=scram-sha-512, ' +
  'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, or accept an unencrypted, unauthenticated broker ' +
  'explicitly with KAFKA_ALLOW_PLAINTEXT=true.';

/**
 * The Kafka client security of `principal` (a service, or a tool such as "audit"). Each setting
 * is read as `<PRINCIPAL>_KAFKA_…` first, then `KAFKA_…`, so one environment can give every
 * process its own user; the username defaults to the principal's name. Outside development and
 * test a client that would talk to the brokers without both TLS and SASL refuses to start unless
 * KAFKA_ALLOW_PLAINTEXT=true says that is intended.
 */
export function kafkaSecurityFrom(env: NodeJS.ProcessEnv, principal: string): KafkaSecurity {
  const own = `${principal.toUpperCase()}_`;
  const get = (key: string): string | undefined => env[`${own}${key}`] || env[key] || undefined;
  const flag = (key: string): boolean => {
    const value = get(key);
    if (value !== undefined && value !== 'true' && value !== 'false')
      throw new ConfigError(`${key} must be true or false, not "${value}"`);
    return value === 'true';
  };
  const security: KafkaSecurity = { tls: tlsFrom(flag('KAFKA_SSL'), get('KAFKA_SSL_CA_FILE')), sasl: null };
  const mechanism = get('KAFKA_SASL_MECHANISM')?.toLowerCase();
  if (mechanism !== undefined) {
    if (!(MECHANISMS as readonly string[]).includes(mechanism))
      throw new ConfigError(`KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}, not "${mechanism}"`);
    const password = get('KAFKA_SASL_PASSWORD');
    if (!password) throw new ConfigError(`KAFKA_SASL_MECHANISM is set, but no password: set ${own}KAFKA_SASL_PASSWORD`);
    security.sasl = {
      mechanism: 'scram-sha-512',
      username: get('KAFKA_SASL_USERNAME') ?? principal,
      password,
    };
  } else if (get('KAFKA_SASL_USERNAME') || get('KAFKA_SASL_PASSWORD')) {
    throw new ConfigError('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD are set, but KAFKA_SASL_MECHANISM is not');
  }
  const plaintext = !security.tls || !security.sasl;
  if (plaintext && !isDevelopment(env) && !flag('KAFKA_ALLOW_PLAINTEXT'))
    throw new ConfigError(
      `${principal} would reach Kafka without ${security.tls ? 'SASL authentication' : 'TLS'} and NODE_ENV is ` +
        `"${env.NODE_ENV ?? ''}", not development or test. ${WHAT_TO_SET}`,
    );
  return security;
}

function tlsFrom(enabled: boolean, caFile: string | undefined): KafkaSecurity['tls'] {
  if (!enabled) {
    if (caFile) throw new ConfigError('KAFKA_SSL_CA_FILE is set, but KAFKA_SSL is not true');
    return null;
  }
  if (!caFile) return {};
  try {
    return { ca: readFileSync(caFile, 'utf8') };
  } catch (error) {
    throw new ConfigError(`KAFKA_SSL_CA_FILE "${caFile}" cannot be read: ${(error as Error).message}`);
  }
}
