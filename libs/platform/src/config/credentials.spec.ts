import { ConfigError, credentialsFrom } from './credentials.js';

const OWN_SECRET = 'a-random-secret-of-at-least-32-characters';
const production = (env: NodeJS.ProcessEnv = {}) => credentialsFrom({ NODE_ENV: 'production', ...env }, 'planning');

describe('credentials: secure by default', () => {
  it('refuses to run outside development without credentials, naming what to set', () => {
    expect(() => production()).toThrow(ConfigError);
    expect(() => production()).toThrow(
      /planning has no credentials configured and NODE_ENV is "production".*Set API_KEYS .* and JWT_SECRET/,
    );
  });

  it('treats an unset NODE_ENV as production', () => {
    expect(() => credentialsFrom({}, 'inventory')).toThrow(/NODE_ENV is "", not development or test/);
  });

  it('refuses a development key configured outside development', () => {
    expect(() => production({ API_KEYS: 'dev-approver:approver:bob', JWT_SECRET: OWN_SECRET })).toThrow(
      'API_KEYS holds development keys (dev-approver); outside development use your own',
    );
  });

  it('refuses the development JWT secret outside development', () => {
    expect(() =>
      production({ API_KEYS: 'k1:approver:bob', JWT_SECRET: 'development-only-secret-change-me-in-production!' }),
    ).toThrow('JWT_SECRET is the development secret; outside development set a random one');
  });

  it('refuses a short JWT secret', () => {
    expect(() => production({ API_KEYS: 'k1:approver:bob', JWT_SECRET: 'short' })).toThrow(
      'JWT_SECRET must be at least 32 characters',
    );
  });

  it('refuses an API key for the internal system role', () => {
    expect(() => production({ API_KEYS: 'k1:system:bob', JWT_SECRET: OWN_SECRET })).toThrow(
      /not key:role:id with a known role/,
    );
  });

  it('accepts configured credentials, and then no development key works', () => {
    const credentials = production({ API_KEYS: 'k1:approver:bob,k2:agent:backup-tool', JWT_SECRET: OWN_SECRET });
    expect(credentials.apiKeys.get('k2')).toEqual({ id: 'backup-tool', role: 'agent' });
    expect(credentials.apiKeys.has('dev-approver')).toBe(false);
  });

  it.each(['development', 'test'])('offers the development keys when NODE_ENV is %s', (NODE_ENV) => {
    const credentials = credentialsFrom({ NODE_ENV }, 'execution');
    expect(credentials.apiKeys.get('dev-approver')).toEqual({ id: 'bob', role: 'approver' });
  });
});
