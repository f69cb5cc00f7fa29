import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually } from '../support/environment.js';
import { withoutEvents } from '../support/problems.js';
import { planningWithInventory } from './planning-services.js';
import { defineWaves, night, wave } from './support/waves-over-http.js';

// A staged rollout over HTTP (issue 18): waves resolved against the inventory planning projected,
// refused when they split an upgrade-together group or keep versions mixed longer than a rule
// allows, a pilot required of an architecture change, and the waves shown in the gate report.

// A key-value cache at three sites whose clients tolerate mixed versions for 2 days, and a shop
// app that must move together with the shop database.
const assets = [
  databaseAsset('kv-ber', { product: 'kvcache', version: '6.2', site: 'berlin', node: 'cache-1' }),
  databaseAsset('kv-ham', { product: 'kvcache', version: '6.2', site: 'hamburg', node: 'cache-1' }),
  databaseAsset('kv-muc', { product: 'kvcache', version: '6.2', site: 'munich', node: 'cache-2' }),
  databaseAsset('shop-db', { site: 'berlin', node: 'db-7' }),
  databaseAsset('shop-app', { kind: 'application', product: 'shopapp', version: '6.0', site: 'berlin', node: 'app-7' }),
];
const rules = [
  {
    ruleId: 'kvcache-7-clients',
    product: 'kvcache',
    versionRange: '>=7',
    requiresProduct: 'kvclient',
    requiresRange: '>=3',
    source: { kind: 'vendor-note', reference: 'kvcache 7 upgrade guide' },
    mixedVersions: { kind: 'supported', days: 2 },
  },
  {
    ruleId: 'shopapp-7-pg',
    product: 'shopapp',
    versionRange: '>=7',
    requiresProduct: 'postgresql',
    requiresRange: '>=16',
    source: { kind: 'vendor-note', reference: 'shopapp 7 notes' },
    mixedVersions: { kind: 'upgrade-together' },
  },
];

/** The decider's refusal: 400 problem+json naming the field and the rule, with the rule's text. */
function expectRefusal(response: Response, field: string, rule: string, detail: string): void {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.errors).toEqual([expect.objectContaining({ field, rule })]);
  expect(response.body.detail).toContain(detail);
}

describe('planning service: waves', () => {
  const services = planningWithInventory();
  const { as, draft } = services;
  const addTarget = (upgradeId: string, assetId: string, toVersion: string) =>
    as('planner')
      .post(`/upgrades/${upgradeId}/targets`)
      .send({ assetId, toVersion, reason: 'moves in the same rollout' })
      .expect(200);

  beforeAll(async () => {
    for (const asset of assets) await services.inventory.as('planner').post('/assets').send(asset).expect(201);
    for (const rule of rules)
      await services.inventory.as('planner').post('/compatibility/rules').send(rule).expect(200);
    const projected = services.planning.app.get(DataSource);
    await eventually(
      async () =>
        (
          await projected.query(
            `SELECT 1 FROM inventory_rules WHERE rule_id = ANY($1) AND mixed_versions->>'kind' <> 'unspecified'`,
            [rules.map((r) => r.ruleId)],
          )
        ).length === 2 &&
        (await projected.query(`SELECT 1 FROM inventory_assets WHERE asset_id = 'shop-app' AND node = 'app-7'`))
          .length === 1,
      30_000,
      'planning to see the rules and the sites',
    );
    await draft('kv7', 'kv-ber', '7.0');
    await addTarget('kv7', 'kv-ham', '7.0');
    await addTarget('kv7', 'kv-muc', '7.0');
    await draft('shop7', 'shop-app', '7.0', { category: 'architecture' });
    await addTarget('shop7', 'shop-db', '16.2');
  }, 120_000);

  it('lists a rule with its mixed-version stance in inventory', async () => {
    const { body } = await services.inventory.as('observer').get('/compatibility/rules').expect(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'kvcache-7-clients', mixedVersions: { kind: 'supported', days: 2 } }),
        expect.objectContaining({ ruleId: 'reportly-4-pg', mixedVersions: { kind: 'unspecified' } }),
      ]),
    );
  });

  it('refuses waves that split an upgrade-together group, and writes nothing', async () => {
    const split = [
      wave('pilot', { kind: 'assets', assetIds: ['shop-db'] }, night(5), { pilot: true }),
      wave('app', { kind: 'location', node: 'app-7' }, night(7)),
    ];
    const response = await withoutEvents(services.planning, () => defineWaves(services.planning, 'shop7', split));
    expectRefusal(
      response,
      'waves',
      'upgrade-together',
      'rule shopapp-7-pg (shopapp >=7 requires postgresql >=16) says the products must be upgraded together, ' +
        'but the waves split them: pilot has shop-db; app has shop-app',
    );
  });

  it('refuses a schedule that keeps versions mixed longer than the rule supports', async () => {
    const tooLong = [
      wave('pilot', { kind: 'location', site: 'berlin' }, night(5), { pilot: true }),
      wave('north', { kind: 'location', site: 'hamburg' }, night(6)),
      wave('south', { kind: 'location', site: 'munich' }, night(8)),
    ];
    const response = await withoutEvents(services.planning, () => defineWaves(services.planning, 'kv7', tooLong));
    expectRefusal(
      response,
      'waves',
      'mixed-version-period',
      'rule kvcache-7-clients (kvcache >=7 requires kvclient >=3) supports mixed versions for 2 day(s), but ' +
        'kv-ber, kv-ham, kv-muc run at mixed versions from wave pilot opening 2026-12-05T20:00:00Z to wave south ' +
        'closing 2026-12-09T02:00:00Z: 3.3 days',
    );
  });

  it('refuses to submit an architecture change without a pilot wave, saying why', async () => {
    const { body } = await withoutEvents(services.planning, () =>
      as('planner').post('/upgrades/shop7/submit').expect(422),
    );
    expect(body.detail).toContain('pilot-wave');
    expect(body.gates.find((g: { gate: string }) => g.gate === 'pilot-wave')).toEqual({
      gate: 'pilot-wave',
      rule: expect.stringContaining('architecture changes, irreversible migrations'),
      status: 'failed',
      missing: ['a pilot wave first, for an architecture change'],
      fix: 'PUT /upgrades/{id}/waves with the first wave marked pilot',
    });
  });

  it('defines waves by site within the mixed-version limit, shown in the plan and the gate report', async () => {
    const waves = [
      wave('pilot', { kind: 'location', site: 'berlin' }, night(5), { pilot: true, bakeMinutes: 240 }),
      wave('north', { kind: 'location', site: 'hamburg', node: 'cache-1' }, night(6)),
    ];
    // Munich in the same night as Hamburg is not possible (waves run one after the other): a morning slot.
    const south = wave(
      'south',
      { kind: 'assets', assetIds: ['kv-muc'] },
      {
        startsAt: '2026-12-07T03:00:00Z',
        endsAt: '2026-12-07T05:00:00Z',
      },
    );
    await defineWaves(services.planning, 'kv7', [...waves, south]).expect(200);

    const resolved = [
      { ...waves[0], selector: { kind: 'location', site: 'berlin', node: null }, targets: ['kv-ber'] },
      { ...waves[1], targets: ['kv-ham'] },
      { ...south, targets: ['kv-muc'] },
    ];
    const expected = { waves: resolved, onRegression: { earlierWaves: 'hold', laterWaves: 'cancel' } };
    const { body: plan } = await as('observer').get('/upgrades/kv7').expect(200);
    expect(plan.waves).toEqual(expected);
    const { body: report } = await as('observer').get('/upgrades/kv7/gates').expect(200);
    expect(report.waves).toEqual(expected);
    expect(report.gates.find((g: { gate: string }) => g.gate === 'waves')).toMatchObject({ status: 'passed' });
  });
});
