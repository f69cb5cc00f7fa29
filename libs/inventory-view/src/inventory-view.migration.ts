import { sqlMigration } from '@upgrade-control/platform';

/** A service's own copy of the inventory's published facts: assets, dependency graph, rules. */
export const InventoryView1764000000150 = sqlMigration('InventoryView1764000000150', {
  up: [
    `
      CREATE TABLE inventory_assets (
        asset_id           text PRIMARY KEY,
        name               text NOT NULL,
        product            text NOT NULL,
        version            text NOT NULL,
        site               text NOT NULL,
        criticality        text NOT NULL,
        status             text NOT NULL,
        business_processes text[] NOT NULL,
        user_groups        text[] NOT NULL,
        peak_periods       jsonb NOT NULL
      )`,
    `
      CREATE TABLE inventory_dependencies (
        asset_id            text NOT NULL,
        depends_on_asset_id text NOT NULL,
        relation            text NOT NULL,
        PRIMARY KEY (asset_id, depends_on_asset_id, relation)
      )`,
    `CREATE INDEX inventory_dependencies_reverse ON inventory_dependencies (depends_on_asset_id)`,
    `
      CREATE TABLE inventory_rules (
        rule_id          text PRIMARY KEY,
        product          text NOT NULL,
        version_range    text NOT NULL,
        requires_product text NOT NULL,
        requires_range   text NOT NULL,
        source           jsonb NOT NULL,
        reason           text
      )`,
  ],
  down: [`DROP TABLE inventory_rules, inventory_dependencies, inventory_assets`],
});
