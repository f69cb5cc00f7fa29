import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startService, type RunningService } from '../support/service-app.js';

/**
 * What every route of every service refuses, whatever its DTO: oversized and malformed bodies,
 * control characters, lone surrogates, Infinity, deep nesting, repeated query parameters and bad
 * path parameters. Inventory stands in for all four services (the pipeline is the platform's).
 */
const BODY_LIMIT = 64 * 1024;

const asset = (over: Record<string, unknown> = {}) => databaseAsset('limits-db', over);

const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { inner: nested(levels - 1) });

describe('input limits on every route', () => {
  let service: RunningService;
  const post = (url: string) => service.as('planner').post(url);

  beforeAll(async () => {
    service = await startService('inventory', (env) => InventoryModule.register(env), {
      HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT),
    });
    await post('/assets').send(asset()).expect(201);
  });
  afterAll(() => service.close());

  it('answers a body over HTTP_BODY_LIMIT_BYTES with 413 naming the limit', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots').send({ configuration: { blob: 'x'.repeat(BODY_LIMIT) } }),
    );
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, title: 'Payload too large', limitBytes: BODY_LIMIT });
    expect(response.body.detail).toContain(`at most ${BODY_LIMIT} bytes`);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets').set('content-type', 'application/json').send('{"name": "unterminated'),
    );
    expectProblem(response, 400, '(body)', 'json');
  });

  it('refuses NUL in a string field', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets').send(asset({ assetId: 'nul-db', name: 'Orders\u0000DB' })),
    );
    expectProblem(response, 400, 'name', 'no-control-characters');
  });

  it('refuses other control characters deep in a body, naming the path', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots').send({ configuration: { users: [{ name: 'esc\u001b[31m' }] } }),
    );
    expectProblem(response, 400, 'configuration.users[0].name', 'no-control-characters');
  });

  it('refuses a control character in a property name', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots').send({ configuration: { 'max\u0000connections': 1 } }),
    );
    expectProblem(response, 400, 'configuration."max\\u0000connections"', 'no-control-characters');
  });

  it('keeps tab, line feed and carriage return', async () => {
    await post('/assets')
      .send(asset({ assetId: 'tab-db', name: 'Tab\tDB\r\n' }))
      .expect(201);
  });

  it('refuses a lone surrogate', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets').send(asset({ assetId: 'surrogate-db', owner: 'dba\ud800team' })),
    );
    expectProblem(response, 400, 'owner', 'well-formed-unicode');
  });

  it('refuses a number that overflows to Infinity', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots')
        .set('content-type', 'application/json')
        .send('{"configuration": {"max_connections": 1e400}}'),
    );
    expectProblem(response, 400, 'configuration.max_connections', 'finite-number');
  });

  it('refuses JSON nested deeper than 32 levels', async () => {
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots').send({ configuration: nested(40) }),
    );
    expectProblem(response, 400, `configuration${'.inner'.repeat(31)}`, 'max-depth');
  });

  it('refuses extreme nesting without exhausting the stack', async () => {
    const depth = 20_000;
    const response = await withoutEvents(service, () =>
      post('/assets/limits-db/snapshots')
        .set('content-type', 'application/json')
        .send(`{"configuration": ${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );
    expectProblem(response, 400, `configuration${'[0]'.repeat(31)}`, 'max-depth');
  });

  it('refuses a repeated query parameter', async () => {
    const response = await service.as('planner').get('/assets?status=active&status=retired');
    expectProblem(response, 400, 'status', 'single-value');
  });

  it('refuses a control character in a query parameter', async () => {
    const response = await service.as('planner').get('/assets?site=ber%00lin');
    expectProblem(response, 400, 'site', 'no-control-characters');
  });

  it('refuses NUL in a path parameter', async () => {
    const response = await withoutEvents(service, () =>
      service.as('planner').post('/assets/limits%00db/retire').send({ reason: 'gone' }),
    );
    expectProblem(response, 400, 'assetId', 'no-control-characters');
  });

  it('refuses a path parameter longer than an identifier', async () => {
    const response = await withoutEvents(service, () =>
      post(`/assets/${'a'.repeat(201)}/snapshots`).send({ configuration: { a: 1 } }),
    );
    expectProblem(response, 400, 'assetId', 'identifier');
  });
});
