import { spawnSync } from 'node:child_process';
import { DEV_JWT_SECRET, hashApiKey } from '@upgrade-control/platform';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { startService, type RunningService } from '../support/service-app.js';
import { productionSigningKey } from '../support/signing.js';

// What an operator meets who deploys without configuring credentials, or with development ones.

/** Runs a built service's main with exactly `env` (plus PATH); it must stop before it serves. */
const runBuiltService = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['dist/inventory/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('secure by default: outside development', () => {
  it('a service without credentials refuses to start, and says what to set', () => {
    const run = runBuiltService({ NODE_ENV: 'production' });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('configuration error: inventory has no credentials configured');
    expect(run.stderr).toContain('Set API_KEYS');
    expect(run.stderr).toContain('JWT_SECRET');
  });

  it('a service given the development JWT secret refuses to start', () => {
    const run = runBuiltService({
      NODE_ENV: 'production',
      JWT_SECRET: DEV_JWT_SECRET,
      JWT_ALLOW_HS256: 'true',
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('JWT_SECRET is the development secret');
  });

  it('a service with credentials refuses a plaintext Kafka it was not told to accept, and says what to set', () => {
    const run = runBuiltService({ NODE_ENV: 'production', API_KEYS: `olga:observer:${hashApiKey('prod-key-7f3a9c')}` });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('configuration error: inventory would reach Kafka without TLS');
    expect(run.stderr).toContain('KAFKA_SASL_MECHANISM=scram-sha-512');
    expect(run.stderr).toContain('KAFKA_ALLOW_PLAINTEXT=true');
  });

  it('a service with credentials but no signing key refuses to start, and says what to set', () => {
    const run = runBuiltService({
      NODE_ENV: 'production',
      API_KEYS: `olga:observer:${hashApiKey('prod-key-7f3a9c')}`,
      KAFKA_ALLOW_PLAINTEXT: 'true',
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('configuration error: inventory has no signing key');
    expect(run.stderr).toContain('Set SIGNING_KEY');
    expect(run.stderr).toContain('SIGNING_KEY_ID');
  });

  describe('a production service with its own credentials', () => {
    let service: RunningService;
    beforeAll(async () => {
      service = await startService('inventory', (env) => InventoryModule.register(env), {
        NODE_ENV: 'production',
        API_KEYS: `olga:observer:${hashApiKey('prod-key-7f3a9c')}`,
        // The suite's broker is plaintext; SCRAM over TLS is test/platform/kafka-scram-tls.test.ts.
        KAFKA_ALLOW_PLAINTEXT: 'true',
        ...productionSigningKey(),
      });
    });
    afterAll(() => service.close());

    it('refuses the development approver key with 401', async () => {
      const response = await service.anonymous.get('/assets').set('x-api-key', 'dev-approver').expect(401);
      expect(response.body.detail).toBe('unknown API key');
    });

    it('accepts its own key', async () => {
      await service.anonymous.get('/assets').set('x-api-key', 'prod-key-7f3a9c').expect(200);
    });
  });
});
