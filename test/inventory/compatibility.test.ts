import { useInventoryLandscape } from './inventory-landscape.js';

/** Compatibility checks against the rules and the versions around the targets. */
describe('inventory compatibility', () => {
  const service = useInventoryLandscape();

  beforeAll(async () => {
    await service.inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        ruleId: 'reportly-4-needs-pg-below-16',
        product: 'reportly',
        versionRange: '4.x',
        requiresProduct: 'postgresql',
        requiresRange: '>=12 <16',
        source: { kind: 'vendor-note', reference: 'Reportly 4 release notes §3' },
        reason: 'its JDBC driver cannot authenticate against PostgreSQL 16',
      })
      .expect(200);
    await service.inventory
      .as('planner')
      .post('/compatibility/rules')
      .send({
        ruleId: 'reportly-5-needs-pg-14',
        product: 'reportly',
        versionRange: '>=5',
        requiresProduct: 'postgresql',
        requiresRange: '>=14',
        source: { kind: 'test', reference: 'pilot run 2026-10' },
      })
      .expect(200);
  });

  it('reports a database upgrade that breaks the reporting tool, naming both; unknown pairs as unknown', async () => {
    const { body } = await service.inventory
      .as('planner')
      .post('/compatibility/check')
      .send({ targets: [{ assetId: 'orders-db-berlin', toVersion: '16.2' }] })
      .expect(200);
    expect(body.compatible).toBe(false);
    expect(body.summary).toEqual({ compatible: 0, incompatible: 1, unknown: 1 });
    expect(body.findings).toContainEqual({
      status: 'incompatible',
      ruleId: 'reportly-4-needs-pg-below-16',
      asset: { assetId: 'reportly-berlin', name: 'Reportly Berlin', product: 'reportly', version: '4.2' },
      other: { assetId: 'orders-db-berlin', name: 'Orders DB Berlin', product: 'postgresql', version: '16.2' },
      rule: 'reportly 4.x requires postgresql >=12 <16',
      source: 'vendor-note: Reportly 4 release notes §3',
      reason: 'its JDBC driver cannot authenticate against PostgreSQL 16',
      depth: 1,
      path: ['orders-db-berlin', 'reportly-berlin'],
    });
    expect(body.findings).toContainEqual(
      expect.objectContaining({
        status: 'unknown',
        // Walked from the target: the target first, then what it reached.
        asset: expect.objectContaining({ assetId: 'orders-db-berlin', version: '16.2' }),
        other: expect.objectContaining({ assetId: 'crm-berlin' }),
        reason: 'no rule covers postgresql 16.2 with crm-suite 9.1',
      }),
    );
  });

  it('passes when the reporting tool moves together with the database', async () => {
    const { body } = await service.inventory
      .as('planner')
      .post('/compatibility/check')
      .send({
        targets: [
          { assetId: 'orders-db-berlin', toVersion: '16.2' },
          { assetId: 'reportly-berlin', toVersion: '5.0' },
        ],
      })
      .expect(200);
    expect(body.summary).toEqual({ compatible: 1, incompatible: 0, unknown: 1 });
    expect(body.compatible).toBe(true);
  });
});
