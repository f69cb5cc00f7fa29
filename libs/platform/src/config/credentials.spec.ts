import { findApiKey, hashApiKey } from './api-keys.js';
import { ConfigError } from './config-error.js';
import { credentialsFrom, DEV_JWT_SECRET } from './credentials.js';

const OWN_SECRET = 'a-random-secret-of-at-least-32-characters';
const entry = (name: string, roles: string, key: string) => `${name}:${roles}:${hashApiKey(key)}`;
const production = (env: NodeJS.ProcessEnv = {}) => credentialsFrom({ NODE_ENV: 'production', ...env }, 'planning');

describe('credentials: secure by default', () => {
  it('refuses to run outside development without credentials, naming what to set', () => {
    expect(() => production()).toThrow(ConfigError);
    expect(() => production()).toThrow(
      /planning has no credentials configured and NODE_ENV is "production".*Set API_KEYS .*JWT_JWKS_URL/,
    );
  });

  it('treats an unset NODE_ENV as production', () => {
    expect(() => credentialsFrom({}, 'inventory')).toThrow(/NODE_ENV is "", not development or test/);
  });

  it('offers no development key outside development', () => {
    const { apiKeys } = production({ API_KEYS: entry('bob', 'approver', 'k-7f3a') });
    expect(findApiKey(apiKeys, 'dev-approver')).toBeNull();
  });

  it('refuses an HS256 secret outside development unless opted in', () => {
    expect(() => production({ JWT_SECRET: OWN_SECRET })).toThrow(
      'JWT_SECRET is set, but HS256 tokens are an explicit opt-in outside development: set JWT_ALLOW_HS256=true, or use JWT_JWKS_URL',
    );
  });

  it('refuses the development JWT secret outside development, even opted in', () => {
    expect(() => production({ JWT_SECRET: DEV_JWT_SECRET, JWT_ALLOW_HS256: 'true' })).toThrow(
      'JWT_SECRET is the development secret; outside development set a random one',
    );
  });

  it('refuses a short JWT secret', () => {
    expect(() => production({ JWT_SECRET: 'short', JWT_ALLOW_HS256: 'true' })).toThrow(
      'JWT_SECRET must be at least 32 characters',
    );
  });

  it('takes an opted-in HS256 secret', () => {
    expect(production({ JWT_SECRET: OWN_SECRET, JWT_ALLOW_HS256: 'true' }).tokens.hs256Secret).toBe(OWN_SECRET);
  });

  it('takes an OIDC JWKS with issuer, audience and role mapping, and no HS256', () => {
    const { tokens } = production({
      JWT_JWKS_URL: 'https://idp.example.com/jwks',
      JWT_ISSUER: 'https://idp.example.com',
      JWT_AUDIENCE: 'upgrade-control-api',
      JWT_ROLE_CLAIM: 'groups',
      JWT_ROLE_MAP: 'uc-approvers=approver,uc-ops=operator',
    });
    expect(tokens).toMatchObject({ jwksUrl: 'https://idp.example.com/jwks', hs256Secret: null, roleClaim: 'groups' });
    expect(tokens.roleMap.get('uc-ops')).toBe('operator');
  });

  it('refuses a role mapping onto a role we do not have', () => {
    expect(() => production({ JWT_JWKS_URL: 'https://idp.example.com/jwks', JWT_ROLE_MAP: 'admins=root' })).toThrow(
      'JWT_ROLE_MAP entry "admins=root" is not providerRole=role with one of our roles',
    );
  });

  it.each(['development', 'test'])('offers the development keys and secret when NODE_ENV is %s', (NODE_ENV) => {
    const credentials = credentialsFrom({ NODE_ENV }, 'execution');
    expect(findApiKey(credentials.apiKeys, 'dev-approver')).toMatchObject({ name: 'bob', roles: ['approver'] });
    expect(credentials.tokens.hs256Secret).toBe(DEV_JWT_SECRET);
  });
});
