import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Inventory's own refusals: an event over EVENT_MAX_BYTES, and DTO rules as strict as the contracts. */
const BODY_LIMIT = 64 * 1024;
const EVENT_LIMIT = 16 * 1024;

const asset = (over: Record<string, unknown> = {}) => databaseAsset('sized-db', over);

describe('inventory input limits', () => {
  let inventory: RunningService;
  const post = (url: string) => inventory.as('planner').post(url);

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env), {
      HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      EVENT_MAX_BYTES: String(EVENT_LIMIT),
    });
    await post('/assets').send(asset()).expect(201);
  });
  afterAll(() => inventory.close());

  it('refuses a snapshot under the body limit whose event would exceed EVENT_MAX_BYTES with 422 naming configuration', async () => {
    const configuration = {
      parameters: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`p${i}`, 'v'.repeat(50)])),
    };
    const body = JSON.stringify({ configuration });
    expect(body.length).toBeGreaterThan(EVENT_LIMIT);
    expect(body.length).toBeLessThan(BODY_LIMIT);
    const response = await withoutEvents(inventory, () =>
      post('/assets/sized-db/snapshots').send(body).set('content-type', 'application/json'),
    );
    expectProblem(response, 422, 'configuration', 'max-event-bytes');
    expect(response.body).toMatchObject({ title: 'Event too large', limitBytes: EVENT_LIMIT });
    expect(response.body.sizeBytes).toBeGreaterThan(EVENT_LIMIT);
    expect(response.body.detail).toContain(`${EVENT_LIMIT} bytes`);
  });

  it('still accepts a snapshot under the event size limit', async () => {
    await post('/assets/sized-db/snapshots')
      .send({ configuration: { parameters: { max_connections: 200 } } })
      .expect(201);
  });

  it('refuses attributes whose values are not strings', async () => {
    const response = await withoutEvents(inventory, () =>
      post('/assets').send(asset({ assetId: 'attr-db', attributes: { vendor: 'PGDG', cores: 8 } })),
    );
    expectProblem(response, 400, 'attributes', 'isStringRecord');
  });

  it('refuses an impossible expiry date', async () => {
    const response = await withoutEvents(inventory, () =>
      post('/assets').send(asset({ assetId: 'cert', kind: 'certificate', expiresOn: '2027-02-30' })),
    );
    expectProblem(response, 400, 'expiresOn', 'isDate');
  });

  it('refuses an impossible date in the expiring query', async () => {
    const response = await inventory.as('planner').get('/assets/expiring?before=2027-02-30');
    expectProblem(response, 400, 'before', 'isDate');
  });

  it('refuses a peak period in an unknown time zone', async () => {
    const peak = { name: 'business hours', days: ['mon'], from: '08:00', to: '18:00', timeZone: 'Mars/Olympus' };
    const response = await withoutEvents(inventory, () =>
      post('/assets').send(asset({ assetId: 'tz-db', peakPeriods: [peak] })),
    );
    expectProblem(response, 400, 'peakPeriods[0].timeZone', 'isTimeZone');
  });

  it('refuses an empty user group', async () => {
    const response = await withoutEvents(inventory, () =>
      post('/assets').send(asset({ assetId: 'ug-db', userGroups: ['sales', ''] })),
    );
    expectProblem(response, 400, 'userGroups', 'isLength');
  });

  it('refuses a retirement reason of white space only', async () => {
    const response = await withoutEvents(inventory, () => post('/assets/sized-db/retire').send({ reason: '   ' }));
    expectProblem(response, 400, 'reason', 'isNotBlank');
  });
});
