import { useInventoryLandscape } from './inventory-landscape.js';

/** The inventory's reads: filters and paging, drift between sites, expiring certificates. */
describe('inventory reads', () => {
  const service = useInventoryLandscape();

  it('lists with filters and paging, shows drift between sites and expiring certificates', async () => {
    await service.inventory
      .as('planner')
      .post('/assets')
      .send({
        assetId: 'tls-portal',
        name: 'Portal TLS certificate',
        kind: 'certificate',
        product: 'tls-cert',
        version: '2026',
        site: 'berlin',
        node: 'lb-1',
        criticality: 'high',
        owner: 'secops',
        expiresOn: '2026-12-15',
      })
      .expect(201);
    const first = await service.inventory.as('observer').get('/assets?product=postgresql&limit=1').expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ assetId: 'orders-db-berlin' })]);
    const page = await service.inventory
      .as('observer')
      .get(`/assets?product=postgresql&limit=1&cursor=${first.body.next}`);
    expect(page.body).toEqual({ items: [expect.objectContaining({ assetId: 'orders-db-hamburg' })], next: null });
    const drift = await service.inventory.as('observer').get('/products/postgresql/drift').expect(200);
    expect(drift.body).toMatchObject({
      drift: true,
      versions: ['15.4', '15.6'],
      sites: [
        { site: 'berlin', versions: ['15.6'] },
        { site: 'hamburg', versions: ['15.4'] },
      ],
    });
    const expiring = await service.inventory.as('observer').get('/assets/expiring?before=2027-01-01').expect(200);
    expect(expiring.body.items.map((a: { assetId: string }) => a.assetId)).toEqual(['tls-portal']);
  });
});
