import type { ReadModels } from '@upgrade-control/platform';
import { projectInventory } from './inventory-projection.js';
import { InventoryReadModel1764000000100 } from './inventory-read-model.migration.js';

/** Inventory's read models, registered by its module and rebuilt by `npm run rebuild -- inventory`. */
export const INVENTORY_MIGRATIONS = [InventoryReadModel1764000000100];

export const INVENTORY_READ_MODELS: ReadModels = {
  statements: [projectInventory],
  tables: [
    { name: 'assets', key: ['asset_id'] },
    { name: 'dependencies', key: ['asset_id', 'depends_on_asset_id', 'relation'] },
    { name: 'compatibility_rules', key: ['rule_id'] },
    { name: 'configuration_snapshots', key: ['snapshot_id'] },
  ],
};
