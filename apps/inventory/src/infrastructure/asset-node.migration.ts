import { sqlMigration } from '@upgrade-control/platform';

/**
 * Inventory keeps each asset's node in `asset_details` already: the view's new `node` column
 * (InventoryViewWaves1765500000150, which runs before this one) is filled from there, so
 * inventory's own view needs no rebuild.
 */
export const InventoryAssetNode1765600000100 = sqlMigration('InventoryAssetNode1765600000100', {
  up: [
    `UPDATE inventory_assets a SET node = d.node FROM asset_details d WHERE d.asset_id = a.asset_id AND a.node IS NULL`,
  ],
  down: [],
});
