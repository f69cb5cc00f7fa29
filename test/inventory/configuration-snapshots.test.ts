import { useInventoryLandscape } from './inventory-landscape.js';

/** Configuration snapshots: never a secret, and exact diffs. */
describe('inventory configuration snapshots', () => {
  const service = useInventoryLandscape();

  it('refuses a secret, naming the path, and stores nothing', async () => {
    const before = await service.inventory.eventCount();
    const { body } = await service.inventory
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
    expect(await service.inventory.eventCount()).toBe(before);
    expect((await service.inventory.as('operator').get('/assets/orders-db-berlin/snapshots').expect(200)).body).toEqual(
      {
        items: [],
        next: null,
      },
    );
  });

  it('diffs two snapshots exactly', async () => {
    const first = await service.inventory
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
    const second = await service.inventory
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
    const { body } = await service.inventory
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

  it('reads one snapshot back with its configuration, label, content hash and the server time of capture', async () => {
    const configuration = { parameters: { work_mem: '64MB' }, credentials: { password: 'vault:kv/orders#pw' } };
    const captured = await service.inventory
      .as('operator')
      .post('/assets/orders-db-berlin/snapshots')
      .send({ label: 'tuning', configuration })
      .expect(201);
    const { body } = await service.inventory
      .as('auditor')
      .get(`/assets/orders-db-berlin/snapshots/${captured.body.snapshotId}`)
      .expect(200);
    expect(body).toEqual({
      snapshotId: captured.body.snapshotId,
      label: 'tuning',
      contentHash: captured.body.contentHash,
      capturedAt: expect.any(String),
      configuration,
    });
  });

  it('records a snapshot an agent takes for an upgrade with its phase, correlated with the upgrade', async () => {
    const { body } = await service.inventory
      .as('agent')
      .post('/assets/orders-db-berlin/snapshots')
      .send({ configuration: { max_connections: 100 }, forUpgrade: { upgradeId: 'pg16', phase: 'before-apply' } })
      .expect(201);
    const [captured] = await service.inventory.store.readStream(`configuration-snapshot-${body.snapshotId}`);
    expect(captured).toMatchObject({
      correlationId: 'pg16',
      schemaVersion: 2,
      actor: { role: 'agent' },
      payload: { upgradeId: 'pg16', phase: 'before-apply', assetId: 'orders-db-berlin' },
    });
  });

  it('refuses a snapshot for an upgrade from a planner: the operator or an agent takes it', async () => {
    const before = await service.inventory.eventCount();
    const { body } = await service.inventory
      .as('planner')
      .post('/assets/orders-db-berlin/snapshots')
      .send({ configuration: { max_connections: 100 }, forUpgrade: { upgradeId: 'pg16', phase: 'after-apply' } })
      .expect(400);
    expect(body.errors).toEqual([
      {
        field: 'upgradeId',
        rule: 'captured-by-operator-or-agent',
        message: 'a snapshot for upgrade pg16 is captured by an operator or an agent, not a planner',
      },
    ]);
    expect(await service.inventory.eventCount()).toBe(before);
  });
});
