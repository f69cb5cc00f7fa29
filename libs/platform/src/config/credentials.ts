import { ROLES, type Role } from '@upgrade-control/contracts';
import { developmentApiKeys, parseApiKeyHashes, type ApiKey } from './api-keys.js';
import { ConfigError } from './config-error.js';

/** How bearer tokens are checked: an OIDC provider's JWKS, or (opted in) a shared HS256 secret. */
export interface TokenSettings {
  jwksUrl: string | null;
  hs256Secret: string | null;
  issuer: string;
  audience: string;
  /** The claim holding the caller's role(s): a string or an array, e.g. "roles" or "groups". */
  roleClaim: string;
  /** Provider role names to ours; without an entry a claim value counts only if it is our role's own name. */
  roleMap: Map<string, Role>;
  clockToleranceSeconds: number;
}

export interface Credentials {
  apiKeys: ApiKey[];
  tokens: TokenSettings;
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
export const DEV_JWT_SECRET = 'development-only-secret-change-me-in-production!';
const JWT_SECRET_MIN_LENGTH = 32;

export const isDevelopment = (env: NodeJS.ProcessEnv) => DEVELOPMENT_ENVIRONMENTS.includes(env.NODE_ENV ?? '');

function roleMapFrom(value: string | undefined): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of (value ?? '').split(',').filter(Boolean)) {
    const [external, role] = entry.split('=').map((s) => s.trim());
    if (!external || !(ROLES as readonly string[]).includes(role ?? '') || role === 'system')
      throw new ConfigError(`JWT_ROLE_MAP entry "${entry}" is not providerRole=role with one of our roles`);
    map.set(external, role as Role);
  }
  return map;
}

function hs256SecretFrom(env: NodeJS.ProcessEnv, development: boolean): string | null {
  if (!env.JWT_SECRET) return development ? DEV_JWT_SECRET : null;
  if (!development && env.JWT_ALLOW_HS256 !== 'true')
    throw new ConfigError(
      'JWT_SECRET is set, but HS256 tokens are an explicit opt-in outside development: set JWT_ALLOW_HS256=true, or use JWT_JWKS_URL',
    );
  if (env.JWT_SECRET.length < JWT_SECRET_MIN_LENGTH)
    throw new ConfigError(`JWT_SECRET must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  if (!development && env.JWT_SECRET === DEV_JWT_SECRET)
    throw new ConfigError('JWT_SECRET is the development secret; outside development set a random one');
  return env.JWT_SECRET;
}

/**
 * The credentials a service accepts. In development the development ones fill what is unset;
 * elsewhere at least one way in must be configured (hashed API keys, an OIDC JWKS, or an opted-in
 * HS256 secret), and no development credential is accepted.
 */
export function credentialsFrom(env: NodeJS.ProcessEnv, service: string): Credentials {
  const development = isDevelopment(env);
  if (!development && !env.API_KEYS && !env.JWT_JWKS_URL && !env.JWT_SECRET)
    throw new ConfigError(
      `${service} has no credentials configured and NODE_ENV is "${env.NODE_ENV ?? ''}", not development or test, ` +
        'so the development keys are off. Set API_KEYS (name:role:<SHA-256 of the key>, from `npm run api-key`), ' +
        'and/or JWT_JWKS_URL with JWT_ISSUER and JWT_AUDIENCE (OIDC), or JWT_SECRET with JWT_ALLOW_HS256=true.',
    );
  if (env.JWT_JWKS_URL && !URL.canParse(env.JWT_JWKS_URL))
    throw new ConfigError(`JWT_JWKS_URL "${env.JWT_JWKS_URL}" is not a URL`);
  const tolerance = Number(env.JWT_CLOCK_TOLERANCE_SECONDS ?? 30);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300)
    throw new ConfigError('JWT_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300');
  return {
    apiKeys: env.API_KEYS ? parseApiKeyHashes(env.API_KEYS) : development ? developmentApiKeys(DEV_API_KEYS) : [],
    tokens: {
      jwksUrl: env.JWT_JWKS_URL || null,
      hs256Secret: hs256SecretFrom(env, development),
      issuer: env.JWT_ISSUER || 'upgrade-control',
      audience: env.JWT_AUDIENCE || 'upgrade-control',
      roleClaim: env.JWT_ROLE_CLAIM || 'role',
      roleMap: roleMapFrom(env.JWT_ROLE_MAP),
      clockToleranceSeconds: tolerance,
    },
  };
}
