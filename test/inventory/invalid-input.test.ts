import { pgBerlin, useInventoryLandscape } from './inventory-landscape.js';

/** Refused requests: the field and rule named, problem+json, no event; 401 and 403 for callers. */
describe('inventory invalid input', () => {
  const service = useInventoryLandscape();

  it('names the field and rule, answers problem+json and writes no event', async () => {
    const before = await service.inventory.eventCount();
    const kind = await service.inventory
      .as('planner')
      .post('/assets')
      .send({ ...pgBerlin, assetId: 'x1', kind: 'mainframe' })
      .expect(400);
    expect(kind.body).toMatchObject({
      status: 400,
      title: 'Invalid request',
      errors: [expect.objectContaining({ field: 'kind', rule: 'isIn' })],
    });
    const { name: _, ...nameless } = pgBerlin;
    const missing = await service.inventory
      .as('planner')
      .post('/assets')
      .send({ ...nameless, assetId: 'x2' })
      .expect(400);
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'name', rule: 'isString' }));
    const unknownField = await service.inventory
      .as('planner')
      .post('/assets')
      .send({ ...pgBerlin, assetId: 'x3', colour: 'blue' })
      .expect(400);
    expect(unknownField.body.errors).toContainEqual(
      expect.objectContaining({ field: 'colour', rule: 'whitelistValidation' }),
    );
    const range = await service.inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        product: 'a',
        versionRange: '>= banana <',
        requiresProduct: 'b',
        requiresRange: '1.x',
        source: { kind: 'test', reference: 't' },
      })
      .expect(400);
    expect(range.body.errors).toEqual([
      { field: 'versionRange', rule: 'version-range', message: '">= banana <" is not a version range' },
    ]);
    // A mixed-version stance (issue 18): days belong to "supported" alone, and "supported" needs them.
    const rule = {
      product: 'a',
      versionRange: '1.x',
      requiresProduct: 'b',
      requiresRange: '1.x',
      source: { kind: 'test', reference: 't' },
    };
    const together = await service.inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({ ...rule, mixedVersions: { kind: 'upgrade-together', days: 3 } })
      .expect(400);
    expect(together.body.errors).toEqual([
      expect.objectContaining({
        field: 'mixedVersions.days',
        rule: 'daysOnlyWhenSupported',
        message: 'days belongs to kind "supported" only',
      }),
    ]);
    const dayless = await service.inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({ ...rule, mixedVersions: { kind: 'supported' } })
      .expect(400);
    expect(dayless.body.errors).toContainEqual(expect.objectContaining({ field: 'mixedVersions.days', rule: 'isInt' }));
    const unknownAsset = await service.inventory
      .as('planner')
      .post('/assets/no-such-asset/dependencies')
      .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'calls-api' })
      .expect(404);
    expect(unknownAsset.body).toMatchObject({ status: 404, detail: 'asset not found' });
    await service.inventory.as('planner').get('/assets/no-such-asset').expect(404);
    await service.inventory
      .as('planner')
      .post('/compatibility/check')
      .send({ targets: [{ assetId: 'ghost', toVersion: '1' }] })
      .expect(404);
    expect(await service.inventory.eventCount()).toBe(before);
  });

  it('refuses callers without credentials (401) and roles that may not write (403)', async () => {
    const anonymous = await service.inventory.anonymous.get('/assets').expect(401);
    expect(anonymous.body.detail).toContain('bearer token');
    const observer = await service.inventory
      .as('observer')
      .post('/assets')
      .send({ ...pgBerlin, assetId: 'x4' })
      .expect(403);
    expect(observer.body.detail).toBe('role observer may not do this; allowed: planner, operator');
    await service.inventory.anonymous.get('/assets').set('x-api-key', 'stolen').expect(401);
  });
});
