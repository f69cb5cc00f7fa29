import { devToken } from '@upgrade-control/platform/testing/http';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { startService, type RunningService } from '../support/service-app.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const token = (sub: string, role: string, expiresIn = '5m', secret = SECRET) =>
  devToken(sub, role, { expiresIn, secret });

describe('service plumbing shared by all services', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService('inventory', (env) => InventoryModule.register(env), { JWT_SECRET: SECRET });
  });
  afterAll(() => service.close());

  it('accepts a bearer JWT with a role and records its subject as the actor', async () => {
    const jwt = await token('pat@example.com', 'planner');
    await service.anonymous
      .post('/assets')
      .set('authorization', `Bearer ${jwt}`)
      .send({
        assetId: 'jwt-asset',
        name: 'Mail relay',
        kind: 'server',
        product: 'postfix',
        version: '3.7',
        site: 'berlin',
        node: 'mx-1',
        criticality: 'low',
        owner: 'it',
      })
      .expect(201);
    const [registered] = await service.store.readStream('asset-jwt-asset');
    expect(registered!.actor).toEqual({ id: 'pat@example.com', role: 'planner' });
  });

  it('answers 401 for a forged or expired token and 403 for a role that may not act', async () => {
    const forged = await token('mallory', 'planner', '5m', 'another-secret-that-is-long-enough-for-hs256');
    const expired = await token('pat', 'planner', '-1m');
    for (const jwt of [forged, expired]) {
      const { body } = await service.anonymous
        .get('/assets')
        .set('authorization', `Bearer ${jwt}`)
        .expect(401)
        .expect('content-type', /problem\+json/);
      expect(body).toMatchObject({
        status: 401,
        title: 'Authentication required',
        detail: expect.stringContaining('invalid bearer token'),
      });
    }
    const auditor = await token('audrey', 'auditor');
    await service.anonymous
      .post('/assets/jwt-asset/retire')
      .set('authorization', `Bearer ${auditor}`)
      .send({ reason: 'x' })
      .expect(403);
  });

  it('reports malformed JSON as a 400 problem and echoes the correlation id', async () => {
    const response = await service
      .as('planner')
      .post('/assets')
      .set('content-type', 'application/json')
      .set('x-correlation-id', 'change-4711')
      .send('{"name": ')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['x-correlation-id']).toBe('change-4711');
    expect(response.body).toMatchObject({ status: 400, type: 'urn:upgrade-control:problem:invalid-input' });
  });

  it('serves health, metrics and the OpenAPI document without credentials', async () => {
    await service.anonymous.get('/health/live').expect(200);
    const ready = await service.anonymous.get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    const metrics = await service.anonymous.get('/metrics').expect(200);
    expect(metrics.text).toContain('uc_relay_lag_events');
    expect(metrics.text).toContain('uc_http_request_duration_seconds_bucket');
    const openapi = await service.anonymous.get('/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/assets', '/assets/{assetId}/impact', '/compatibility/check']),
    );
    expect(openapi.body.components.securitySchemes).toHaveProperty('api-key');
  });
});
