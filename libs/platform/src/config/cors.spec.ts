import { corsOriginsFrom } from './cors.js';
import { loadServiceConfig } from './service-config.js';

const corsOf = (env: NodeJS.ProcessEnv) => loadServiceConfig('planning', env).corsOrigins;

describe('CORS_ORIGINS: which browser origins may call a service', () => {
  it('in development, unset, allows the dashboard served by monitoring on its default port', () => {
    expect(corsOf({ NODE_ENV: 'development' })).toEqual(['http://localhost:3004', 'http://127.0.0.1:3004']);
  });

  it("in development follows monitoring's port when MONITORING_PORT moves it", () => {
    expect(corsOf({ NODE_ENV: 'test', MONITORING_PORT: '4104' })).toEqual([
      'http://localhost:4104',
      'http://127.0.0.1:4104',
    ]);
  });

  it('outside development, unset, allows no origin at all', () => {
    expect(corsOriginsFrom({ NODE_ENV: 'production' }, 3004)).toEqual([]);
    expect(corsOriginsFrom({}, 3004)).toEqual([]);
  });

  it('takes the configured origins, a trailing slash aside', () => {
    expect(corsOf({ NODE_ENV: 'test', CORS_ORIGINS: 'https://ops.example.com/, http://10.0.0.7:8080' })).toEqual([
      'https://ops.example.com',
      'http://10.0.0.7:8080',
    ]);
  });

  it('an empty setting allows none, in development too', () => {
    expect(corsOf({ NODE_ENV: 'development', CORS_ORIGINS: '' })).toEqual([]);
  });

  it.each([
    ['*', 'a wildcard'],
    ['https://ops.example.com/dashboard', 'a path'],
    ['ops.example.com', 'no scheme'],
  ])('refuses %s (%s), naming the entry and the rule', (entry) => {
    expect(() => corsOf({ NODE_ENV: 'test', CORS_ORIGINS: entry })).toThrow(
      `CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path, no wildcard)`,
    );
  });
});
