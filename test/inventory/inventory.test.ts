import { sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { v7 as uuidv7 } from 'uuid';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { startService, type RunningService } from '../support/service-app.js';

const pgBerlin = {
  assetId: 'orders-db-berlin',
  name: 'Orders DB Berlin',
  kind: 'database',
  product: 'postgresql',
  version: '15.6',
  site: 'berlin',
  node: 'db-1',
  criticality: 'high',
  owner: 'dba-team',
  businessProcesses: ['order-to-cash'],
  userGroups: ['sales'],
  peakPeriods: [
    {
      name: 'business hours',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '08:00',
      to: '18:00',
      timeZone: 'Europe/Berlin',
    },
  ],
};
const reportingBerlin = {
  assetId: 'reportly-berlin',
  name: 'Reportly Berlin',
  kind: 'application',
  product: 'reportly',
  version: '4.2',
  site: 'berlin',
  node: 'app-1',
  criticality: 'medium',
  owner: 'bi-team',
  businessProcesses: ['monthly-reporting'],
  userGroups: ['finance'],
};
const crmBerlin = {
  ...reportingBerlin,
  assetId: 'crm-berlin',
  name: 'CRM Berlin',
  product: 'crm-suite',
  version: '9.1',
  userGroups: ['sales', 'support'],
};

describe('inventory service', () => {
  let inventory: RunningService;

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env));
    for (const asset of [
      pgBerlin,
      reportingBerlin,
      crmBerlin,
      { ...pgBerlin, assetId: 'orders-db-hamburg', name: 'Orders DB Hamburg', site: 'hamburg', version: '15.4' },
    ]) {
      await inventory.as('planner').post('/assets').send(asset).expect(201);
    }
    await inventory
      .as('planner')
      .post('/assets/reportly-berlin/dependencies')
      .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'reports-from' })
      .expect(201);
    await inventory
      .as('planner')
      .post('/assets/crm-berlin/dependencies')
      .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'stores-data-in' })
      .expect(201);
  }, 60_000);
  afterAll(() => inventory.close());

  describe('compatibility', () => {
    beforeAll(async () => {
      await inventory
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
        .expect(201);
      await inventory
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
        .expect(201);
    });

    it('reports a database upgrade that breaks the reporting tool, naming both; unknown pairs as unknown', async () => {
      const { body } = await inventory
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
      });
      expect(body.findings).toContainEqual(
        expect.objectContaining({
          status: 'unknown',
          asset: expect.objectContaining({ assetId: 'crm-berlin' }),
          other: expect.objectContaining({ assetId: 'orders-db-berlin', version: '16.2' }),
          reason: 'no rule covers crm-suite 9.1 with postgresql 16.2',
        }),
      );
    });

    it('passes when the reporting tool moves together with the database', async () => {
      const { body } = await inventory
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

  describe('configuration snapshots', () => {
    it('refuses a secret, naming the path, and stores nothing', async () => {
      const before = await inventory.eventCount();
      const { body } = await inventory
        .as('operator')
        .post('/assets/orders-db-berlin/snapshots')
        .send({
          configuration: { parameters: { max_connections: 100 }, replication: { user: 'repl', password: 'hunter2' } },
        })
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(body.errors).toEqual([
        {
          field: 'configuration.replication.password',
          rule: 'no-secrets',
          message: expect.stringContaining('store a secret reference'),
        },
      ]);
      expect(await inventory.eventCount()).toBe(before);
      expect((await inventory.as('operator').get('/assets/orders-db-berlin/snapshots').expect(200)).body).toEqual([]);
    });

    it('diffs two snapshots exactly', async () => {
      const first = await inventory
        .as('operator')
        .post('/assets/orders-db-berlin/snapshots')
        .send({
          label: 'before',
          configuration: {
            parameters: { max_connections: 100, shared_buffers: '4GB' },
            replication: { password: 'vault:kv/orders#repl' },
            jobs: ['vacuum'],
          },
        })
        .expect(201);
      const second = await inventory
        .as('operator')
        .post('/assets/orders-db-berlin/snapshots')
        .send({
          label: 'after',
          configuration: {
            parameters: { max_connections: 200, shared_buffers: '4GB', wal_level: 'logical' },
            replication: { password: 'vault:kv/orders#repl' },
          },
        })
        .expect(201);
      expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
      const { body } = await inventory
        .as('auditor')
        .get(`/assets/orders-db-berlin/snapshots/${first.body.snapshotId}/diff/${second.body.snapshotId}`)
        .expect(200);
      expect(body).toEqual({
        from: first.body.snapshotId,
        to: second.body.snapshotId,
        added: [{ path: 'parameters.wal_level', value: 'logical' }],
        removed: [{ path: 'jobs[0]', value: 'vacuum' }],
        changed: [{ path: 'parameters.max_connections', before: 100, after: 200 }],
      });
    });
  });

  describe('invalid input', () => {
    it('names the field and rule, answers problem+json and writes no event', async () => {
      const before = await inventory.eventCount();
      const kind = await inventory
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
      const missing = await inventory
        .as('planner')
        .post('/assets')
        .send({ ...nameless, assetId: 'x2' })
        .expect(400);
      expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'name', rule: 'isString' }));
      const unknownField = await inventory
        .as('planner')
        .post('/assets')
        .send({ ...pgBerlin, assetId: 'x3', colour: 'blue' })
        .expect(400);
      expect(unknownField.body.errors).toContainEqual(
        expect.objectContaining({ field: 'colour', rule: 'whitelistValidation' }),
      );
      const range = await inventory
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
      const unknownAsset = await inventory
        .as('planner')
        .post('/assets/no-such-asset/dependencies')
        .send({ dependsOnAssetId: 'orders-db-berlin', relation: 'calls-api' })
        .expect(404);
      expect(unknownAsset.body).toMatchObject({ status: 404, detail: 'asset not found' });
      await inventory.as('planner').get('/assets/no-such-asset').expect(404);
      await inventory
        .as('planner')
        .post('/compatibility/check')
        .send({ targets: [{ assetId: 'ghost', toVersion: '1' }] })
        .expect(404);
      expect(await inventory.eventCount()).toBe(before);
    });

    it('refuses callers without credentials (401) and roles that may not write (403)', async () => {
      const anonymous = await inventory.anonymous.get('/assets').expect(401);
      expect(anonymous.body.detail).toContain('bearer token');
      const observer = await inventory
        .as('observer')
        .post('/assets')
        .send({ ...pgBerlin, assetId: 'x4' })
        .expect(403);
      expect(observer.body.detail).toBe('role observer may not do this; allowed: planner, operator');
      await inventory.anonymous.get('/assets').set('x-api-key', 'stolen').expect(401);
    });
  });

  describe('reads', () => {
    it('lists with filters and paging, shows drift between sites and expiring certificates', async () => {
      await inventory
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
      const page = await inventory.as('observer').get('/assets?product=postgresql&pageSize=1&page=2').expect(200);
      expect(page.body).toMatchObject({
        total: 2,
        page: 2,
        pageSize: 1,
        items: [expect.objectContaining({ assetId: 'orders-db-hamburg' })],
      });
      const drift = await inventory.as('observer').get('/products/postgresql/drift').expect(200);
      expect(drift.body).toMatchObject({
        drift: true,
        versions: ['15.4', '15.6'],
        sites: [
          { site: 'berlin', versions: ['15.6'] },
          { site: 'hamburg', versions: ['15.4'] },
        ],
      });
      const expiring = await inventory.as('observer').get('/assets/expiring?before=2027-01-01').expect(200);
      expect(expiring.body.map((a: { assetId: string }) => a.assetId)).toEqual(['tls-portal']);
    });
  });

  it('moves an asset version once when execution’s UpgradeApplied arrives twice', async () => {
    const applied = sealEnvelope({
      eventId: uuidv7(),
      type: 'UpgradeApplied',
      schemaVersion: 1,
      streamId: 'execution-up-42',
      streamVersion: 4,
      occurredAt: '2026-11-25T22:10:00.000Z',
      producer: 'execution',
      correlationId: 'up-42',
      causationId: null,
      actor: { id: 'oscar', role: 'operator' },
      prevHash: null,
      payload: {
        upgradeId: 'up-42',
        installed: [{ assetId: 'orders-db-hamburg', version: '16.2' }],
        appliedAt: '2026-11-25T22:10:00.000Z',
      },
    });
    const record = toKafkaRecord(applied);
    await sendRaw(inventory.topic('execution'), [record, record]);
    const asset = await eventually(
      async () => {
        const { body } = await inventory.as('observer').get('/assets/orders-db-hamburg');
        return body.version === '16.2' ? body : null;
      },
      30_000,
      'the version to move',
    );
    expect(asset.versionChangedBy).toBe(applied.eventId);
    await new Promise((r) => setTimeout(r, 1000));
    const changes = (await inventory.store.readStream('asset-orders-db-hamburg')).filter(
      (e) => e.type === 'AssetVersionChanged',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      correlationId: 'up-42',
      causationId: applied.eventId,
      actor: { role: 'system' },
      payload: { fromVersion: '15.4', toVersion: '16.2', reason: 'upgrade-applied' },
    });
  });
});
