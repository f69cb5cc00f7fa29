import { ROLES, type Role } from '@upgrade-control/contracts';

/** Raised when the environment cannot run a service as configured; the message says what to set. */
export class ConfigError extends Error {}

export interface Credentials {
  apiKeys: Map<string, { id: string; role: Role }>;
  jwtSecret: string;
  jwtIssuer: string;
}

/**
 * Development credentials: one key per role and a publicly known JWT secret. They exist only
 * where NODE_ENV says development or test (`npm start` and `npm test` set it); anywhere else they
 * are refused, even when configured on purpose, so a copied development setting cannot open
 * production.
 */
const DEVELOPMENT_ENVIRONMENTS = ['development', 'test'];
const DEV_API_KEYS =
  'dev-planner:planner:alice,dev-approver:approver:bob,dev-approver-2:approver:carol,dev-operator:operator:oscar,dev-observer:observer:olga,dev-auditor:auditor:audrey,dev-agent:agent:backup-agent';
const DEV_JWT_SECRET = 'development-only-secret-change-me-in-production!';
const JWT_SECRET_MIN_LENGTH = 32;

export const isDevelopment = (env: NodeJS.ProcessEnv) => DEVELOPMENT_ENVIRONMENTS.includes(env.NODE_ENV ?? '');

/** `key:role:id,…` into a lookup; a malformed entry or an unknown role is a configuration error. */
export function parseApiKeys(value: string): Credentials['apiKeys'] {
  const keys = new Map<string, { id: string; role: Role }>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [key, role, id] = entry.split(':');
    if (!key || !id || !(ROLES as readonly string[]).includes(role ?? '') || role === 'system')
      throw new ConfigError(`API_KEYS entry "${entry.split(':')[1] ?? ''}…" is not key:role:id with a known role`);
    keys.set(key, { id, role: role as Role });
  }
  return keys;
}

const DEV_KEYS = [...parseApiKeys(DEV_API_KEYS).keys()];

/**
 * The credentials a service accepts. In development the development ones fill what is unset;
 * elsewhere API_KEYS and JWT_SECRET must be set, and neither may be a development credential.
 */
export function credentialsFrom(env: NodeJS.ProcessEnv, service: string): Credentials {
  const development = isDevelopment(env);
  const jwtIssuer = env.JWT_ISSUER || 'upgrade-control';
  const missing = [
    ...(!env.API_KEYS && !development ? ['API_KEYS (key:role:id,… e.g. "<random key>:approver:bob")'] : []),
    ...(!env.JWT_SECRET && !development ? [`JWT_SECRET (at least ${JWT_SECRET_MIN_LENGTH} random characters)`] : []),
  ];
  if (missing.length)
    throw new ConfigError(
      `${service} has no credentials configured and NODE_ENV is "${env.NODE_ENV ?? ''}", not development or test, ` +
        `so the development keys are off. Set ${missing.join(' and ')}.`,
    );
  const apiKeys = parseApiKeys(env.API_KEYS || DEV_API_KEYS);
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (jwtSecret.length < JWT_SECRET_MIN_LENGTH)
    throw new ConfigError(`JWT_SECRET must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  if (!development) {
    const devKeys = DEV_KEYS.filter((k) => apiKeys.has(k));
    if (devKeys.length)
      throw new ConfigError(
        `API_KEYS holds development keys (${devKeys.join(', ')}); outside development use your own`,
      );
    if (jwtSecret === DEV_JWT_SECRET)
      throw new ConfigError('JWT_SECRET is the development secret; outside development set a random one');
  }
  return { apiKeys, jwtSecret, jwtIssuer };
}
