import type { Migration, MigrationRunner } from '@upgrade-control/platform';

/** A service's own copy of the inventory's published facts: assets, dependency graph, rules. */
export class InventoryView1764000000150 implements Migration {
  name = 'InventoryView1764000000150';

  async up(q: MigrationRunner): Promise<void> {
    await q.query(`
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
      )`);
    await q.query(`
      CREATE TABLE inventory_dependencies (
        asset_id            text NOT NULL,
        depends_on_asset_id text NOT NULL,
        relation            text NOT NULL,
        PRIMARY KEY (asset_id, depends_on_asset_id, relation)
      )`);
    await q.query(`CREATE INDEX inventory_dependencies_reverse ON inventory_dependencies (depends_on_asset_id)`);
    await q.query(`
      CREATE TABLE inventory_rules (
        rule_id          text PRIMARY KEY,
        product          text NOT NULL,
        version_range    text NOT NULL,
        requires_product text NOT NULL,
        requires_range   text NOT NULL,
        source           jsonb NOT NULL,
        reason           text
      )`);
  }

  async down(q: MigrationRunner): Promise<void> {
    await q.query(`DROP TABLE inventory_rules, inventory_dependencies, inventory_assets`);
  }
}
