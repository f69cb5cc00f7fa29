import { DataSource } from 'typeorm';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually } from '../support/environment.js';
import { planningWithInventory } from './planning-services.js';
import { pilotWaveFor } from './support/waves-over-http.js';

// A ledger no compatibility rule speaks about: the ledger app keeps its data in the ledger database, the
// ledger report reads the ledger app. Moving the database to PostgreSQL 16 leaves both pairs unknown.
const ledger = [
  databaseAsset('ledger-db'),
  databaseAsset('ledger-app', { kind: 'application', product: 'ledger', version: '7.0' }),
  databaseAsset('ledger-report', { kind: 'application', product: 'ledger-report', version: '1.3' }),
];
const appPair = { assetId: 'ledger-db', otherAssetId: 'ledger-app' };
const reportPair = { assetId: 'ledger-db', otherAssetId: 'ledger-report' };

describe('planning service: unknown compatibility pairs', () => {
  const services = planningWithInventory();
  const { as, draft } = services;
  const unknownGate = async () =>
    ((await as('observer').get('/upgrades/ledger16/gates').expect(200)).body.gates as { gate: string }[]).find(
      (g) => g.gate === 'compatibility-unknown',
    );

  beforeAll(async () => {
    for (const asset of ledger) await services.inventory.as('planner').post('/assets').send(asset).expect(201);
    for (const [assetId, dependsOnAssetId] of [
      ['ledger-app', 'ledger-db'],
      ['ledger-report', 'ledger-app'],
    ])
      await services.inventory
        .as('planner')
        .post(`/assets/${assetId}/dependencies`)
        .send({ dependsOnAssetId, relation: 'stores-data-in' })
        .expect(200);
    const projected = services.planning.app.get(DataSource);
    await eventually(
      async () =>
        (await projected.query(`SELECT 1 FROM inventory_dependencies WHERE asset_id LIKE 'ledger-%'`)).length === 2,
      30_000,
      'planning to see the ledger',
    );
    await draft('ledger16', 'ledger-db', '16.2');
  }, 90_000);

  it('finds the unknown pairs through the graph, saying at which depth and through which path', async () => {
    const { body } = await as('planner').post('/upgrades/ledger16/compatibility').expect(200);
    expect(body.findings).toEqual([
      expect.objectContaining({ ...appPair, status: 'unknown', depth: 1, path: ['ledger-db', 'ledger-app'] }),
      expect.objectContaining({
        ...reportPair,
        status: 'unknown',
        depth: 2,
        path: ['ledger-db', 'ledger-app', 'ledger-report'],
      }),
    ]);
  });

  it('refuses to submit while an unknown pair is neither tested nor waived, each pair named with the fix', async () => {
    const { body } = await as('planner').post('/upgrades/ledger16/submit').expect(422);
    expect(body.detail).toBe('the plan cannot go to approval: compatibility-unknown not met');
    expect(body.gates.find((g: { gate: string }) => g.gate === 'compatibility')).toMatchObject({ status: 'passed' });
    expect(body.gates.find((g: { gate: string }) => g.gate === 'compatibility-unknown')).toMatchObject({
      status: 'failed',
      missing: [
        'pilot evidence or a waiver for ledger-db 16.2 with ledger-app 7.0: no rule covers this pair',
        'pilot evidence or a waiver for ledger-db 16.2 with ledger-report 1.3: no rule covers this pair ' +
          '(depth 2, reached through ledger-db → ledger-app → ledger-report)',
      ],
      fix: expect.stringContaining('an approver waives the pair with a reason'),
    });
  });

  it('lets only an approver waive an unknown pair', async () => {
    const waiver = { ...appPair, reason: 'the ledger vendor certifies PostgreSQL 16' };
    await as('planner').post('/upgrades/ledger16/compatibility/waivers').send(waiver).expect(403);
    await as('approver').post('/upgrades/ledger16/compatibility/waivers').send(waiver).expect(200);
    const { body } = await as('observer').get('/upgrades/ledger16').expect(200);
    expect(body.waivers).toEqual([
      expect.objectContaining({ ...appPair, status: 'unknown', ruleId: null, approvedBy: 'bob' }),
    ]);
    expect(await unknownGate()).toMatchObject({
      status: 'failed',
      missing: [expect.stringContaining('ledger-report')],
    });
  });

  it('counts a test run that exercised the last pair and passed as pilot evidence, and the plan goes to approval', async () => {
    await as('planner')
      .post('/upgrades/ledger16/test-evidence')
      .send({
        environment: 'pilot: ledger stack on PostgreSQL 16',
        representativeData: true,
        rolesCovered: ['accountant'],
        integrationsCovered: ['ledger-report'],
        loadTested: false,
        outcome: 'passed',
        summary: 'month-end report rendered from the pilot ledger',
        pairsCovered: [{ ...reportPair, assetVersion: '16.2', otherVersion: '1.3' }],
      })
      .expect(200);
    // A waived unknown pair is uncertainty accepted, not resolved: the policy asks for a pilot wave first (issue 18).
    const { body } = await as('planner').post('/upgrades/ledger16/submit').expect(422);
    expect(body.gates.find((g: { gate: string }) => g.gate === 'pilot-wave').missing).toEqual([
      'a pilot wave first, for compatibility of ledger-db with ledger-app unknown and waived',
    ]);
    await pilotWaveFor(services.planning, 'ledger16', ['ledger-db']).expect(200);
    await as('planner').post('/upgrades/ledger16/submit').expect(200);
    expect(await unknownGate()).toMatchObject({ status: 'waived', missing: [] });
  });
});
