import { pgBerlin, useInventoryLandscape } from './inventory-landscape.js';

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
      suggestedWaves: [
        { name: 'wave-1', selector: { kind: 'assets', assetIds: ['orders-db-hamburg'] } },
        { name: 'wave-2', selector: { kind: 'assets', assetIds: ['orders-db-berlin'] } },
      ],
    });
    const expiring = await service.inventory.as('observer').get('/assets/expiring?before=2027-01-01').expect(200);
    expect(expiring.body.items.map((a: { assetId: string }) => a.assetId)).toEqual(['tls-portal']);
  });

  it('suggests waves from drift: each patch level its own, and each node with custom modules alone', async () => {
    const pbx = (assetId: string, site: string, version: string, attributes: Record<string, string> = {}) => ({
      ...pgBerlin,
      assetId,
      name: assetId,
      kind: 'application',
      product: 'pbx',
      version,
      site,
      node: 'pbx-1',
      attributes,
    });
    for (const asset of [
      pbx('pbx-berlin', 'berlin', '12.0.3'),
      pbx('pbx-hamburg', 'hamburg', '12.0.1'),
      pbx('pbx-munich', 'munich', '12.0.3', { customModules: 'call-recording' }),
      pbx('pbx-vienna', 'vienna', '12.0.3'),
    ])
      await service.inventory.as('planner').post('/assets').send(asset).expect(201);
    const { body } = await service.inventory.as('observer').get('/products/pbx/drift').expect(200);
    expect(body.suggestedWaves).toEqual([
      {
        name: 'wave-1',
        reason: 'pbx 12.0.1 without custom modules at hamburg/pbx-1',
        selector: { kind: 'assets', assetIds: ['pbx-hamburg'] },
      },
      {
        name: 'wave-2',
        reason: 'pbx 12.0.3 without custom modules at berlin/pbx-1, vienna/pbx-1',
        selector: { kind: 'assets', assetIds: ['pbx-berlin', 'pbx-vienna'] },
      },
      {
        name: 'wave-3',
        reason: 'pbx 12.0.3 with custom modules call-recording at munich/pbx-1',
        selector: { kind: 'assets', assetIds: ['pbx-munich'] },
      },
    ]);
  });
});
