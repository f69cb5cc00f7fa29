import { sqlMigration } from '@upgrade-control/platform';

/**
 * What staged rollout needs from the inventory view (issue 18): each asset's node, for waves
 * selected by site and node, and each rule's mixed-version stance (CompatibilityRuleDeclared v2).
 * Rules projected before this migration were all version 1, which the upcaster reads as
 * "unspecified": the default is their true value. An asset projected before it has no node here
 * (null) until the view is rebuilt from inventory.events; a node selector does not match it and
 * says so.
 */
export const InventoryViewWaves1765500000150 = sqlMigration('InventoryViewWaves1765500000150', {
  up: [
    `ALTER TABLE inventory_assets ADD COLUMN node text`,
    `ALTER TABLE inventory_rules ADD COLUMN mixed_versions jsonb NOT NULL DEFAULT '{"kind":"unspecified"}'`,
  ],
  down: [`ALTER TABLE inventory_rules DROP COLUMN mixed_versions`, `ALTER TABLE inventory_assets DROP COLUMN node`],
});
