import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { rebuildInventoryProjections } from '../../apps/inventory/src/infrastructure/read-models.js';
import { startService, type RunningService } from '../support/service-app.js';
import { DataSource } from 'typeorm';

const ASSETS = 1000;
const id = (i: number) => `asset-${String(i).padStart(4, '0')}`;
/** A ternary tree: asset i depends on asset (i-1)/3, so every asset is a transitive dependent of asset 0. */
const parent = (i: number) => Math.floor((i - 1) / 3);
const ancestry = (i: number): number[] => (i === 0 ? [0] : [...ancestry(parent(i)), i]);
const LEAF = ASSETS - 1;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('impact over a large graph with a cycle', () => {
  let inventory: RunningService;

  beforeAll(async () => {
    inventory = await startService('inventory', (env) => InventoryModule.register(env));
    const indexes = Array.from({ length: ASSETS }, (_, i) => i);
    await inBatches(indexes, 16, (i) =>
      inventory
        .as('planner')
        .post('/assets')
        .send({
          assetId: id(i),
          name: `Service ${i}`,
          kind: 'application',
          product: `product-${i % 7}`,
          version: '1.0',
          site: `site-${i % 3}`,
          node: `node-${i}`,
          criticality: i === 0 ? 'critical' : 'low',
          owner: 'ops',
          businessProcesses: [`process-${i % 5}`],
          userGroups: [`group-${i % 4}`],
        })
        .expect(201),
    );
    await inBatches(indexes.slice(1), 16, (i) =>
      inventory
        .as('planner')
        .post(`/assets/${id(i)}/dependencies`)
        .send({ dependsOnAssetId: id(parent(i)), relation: 'calls-api' })
        .expect(200),
    );
    // The cycle: the root depends on the last leaf, which (transitively) depends on the root.
    await inventory
      .as('planner')
      .post(`/assets/${id(0)}/dependencies`)
      .send({ dependsOnAssetId: id(ASSETS - 1), relation: 'reports-from' })
      .expect(200);
  }, 180_000);
  afterAll(() => inventory.close());

  it('terminates and returns every dependent once, at its shortest depth with its path', async () => {
    const { body } = await inventory
      .as('observer')
      .get(`/assets/${id(0)}/impact`)
      .expect(200);
    expect(body.dependents).toHaveLength(ASSETS - 1);
    expect(new Set(body.dependents.map((d: { assetId: string }) => d.assetId)).size).toBe(ASSETS - 1);
    const leaf = body.dependents.find((d: { assetId: string }) => d.assetId === id(LEAF));
    expect(leaf).toMatchObject({ depth: ancestry(LEAF).length - 1, relation: 'calls-api', name: `Service ${LEAF}` });
    expect(leaf.path).toEqual(ancestry(LEAF).map(id)); // asset-0000, -0003, -0011, -0036, -0110, -0332, -0999
    expect(body.businessProcesses).toEqual(['process-0', 'process-1', 'process-2', 'process-3', 'process-4']);
    expect(body.userGroups).toEqual(['group-0', 'group-1', 'group-2', 'group-3']);
    // Following the cycle, the root's own dependencies are the leaf and its ancestors.
    expect(body.dependencies.map((d: { assetId: string; depth: number }) => [d.assetId, d.depth])).toEqual(
      ancestry(LEAF)
        .slice(1)
        .reverse()
        .map((i, n) => [id(i), n + 1]),
    );
  });

  it('rebuilds the read models from the event store to the same state', async () => {
    const dataSource = inventory.app.get(DataSource);
    const snapshot = () =>
      dataSource.query('SELECT asset_id, version, status, stream_version FROM inventory_assets ORDER BY asset_id');
    const edges = () => dataSource.query('SELECT * FROM inventory_dependencies ORDER BY 1, 2, 3');
    const [assetsBefore, edgesBefore] = [await snapshot(), await edges()];
    await dataSource.transaction((tx) => rebuildInventoryProjections(tx, () => inventory.store.readAll()));
    expect(await snapshot()).toEqual(assetsBefore);
    expect(await edges()).toEqual(edgesBefore);
  });

  it('forgets a removed dependency: the root no longer needs anything once its edge into the cycle is gone', async () => {
    const { body: removed } = await inventory
      .as('planner')
      .delete(`/assets/${id(0)}/dependencies/${id(LEAF)}/reports-from`)
      .expect(200);
    expect(removed).toEqual({ assetId: id(0), streamVersion: 3 });
    const { body } = await inventory
      .as('observer')
      .get(`/assets/${id(0)}/impact`)
      .expect(200);
    expect(body.dependencies).toEqual([]);
    expect(body.dependents).toHaveLength(ASSETS - 1);
  });
});
