import { upcast, type EventEnvelope } from '@upgrade-control/contracts';
import {
  INVENTORY_VIEW_TABLES,
  InventoryView1764000000150,
  InventoryViewVersions1764400000150,
  InventoryViewWaves1765500000150,
  projectInventoryView,
} from '@upgrade-control/inventory-view';
import { applyStatements, type ReadModels, type Transaction } from '@upgrade-control/platform';
import { projectAssetDetails } from './asset-details.projection.js';
import { projectConfigurationSnapshots } from './configuration-snapshot.projection.js';
import { InventoryReadModel1764000000100 } from './inventory-read-model.migration.js';
import { InventoryViewSchema1764600000100 } from './inventory-view-schema.migration.js';
import { InventoryAssetNode1765600000100 } from './asset-node.migration.js';

/** Inventory's read models, registered by its module and rebuilt by `npm run rebuild -- inventory`. */
export const INVENTORY_MIGRATIONS = [
  InventoryReadModel1764000000100,
  InventoryView1764000000150,
  InventoryViewVersions1764400000150,
  InventoryViewSchema1764600000100,
  InventoryViewWaves1765500000150,
  InventoryAssetNode1765600000100,
];

/**
 * Assets, graph and rules through the inventory view's one projection and schema, as planning and
 * execution keep them; beside it only what the view lacks, in tables of inventory's own. All are
 * written with every append (ADR 9).
 */
export const INVENTORY_READ_MODELS: ReadModels = {
  statements: [projectInventoryView, projectAssetDetails, projectConfigurationSnapshots],
  tables: [
    ...INVENTORY_VIEW_TABLES,
    { name: 'asset_details', key: ['asset_id'] },
    { name: 'configuration_snapshots', key: ['snapshot_id'] },
  ],
};

/**
 * Rebuilds every inventory read model from the event store. DELETE, not TRUNCATE: the runtime
 * role may not truncate (ADR 17), and in one transaction the effect is the same.
 */
export async function rebuildInventoryProjections(
  tx: Transaction,
  readAll: () => AsyncGenerator<EventEnvelope[]>,
): Promise<void> {
  for (const table of INVENTORY_READ_MODELS.tables) await tx.query(`DELETE FROM ${table.name}`);
  for await (const page of readAll())
    for (const event of page)
      for (const project of INVENTORY_READ_MODELS.statements!) await applyStatements(project(upcast(event)), tx);
}
