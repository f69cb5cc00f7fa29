import { sqlMigration } from '@upgrade-control/platform';
import { ASSET_GRAPH_AND_RULE_TABLES } from './inventory-read-model.migration.js';

/**
 * Inventory projects its assets, graph and rules into the inventory view's tables
 * (InventoryView1764000000150 and InventoryViewVersions1764400000150, which run before this one),
 * the same schema planning and execution keep, and keeps only what the view lacks in tables of
 * its own: `asset_details` here, `configuration_snapshots` as before.
 *
 * The rows of the old tables `assets`, `dependencies` and `compatibility_rules` are moved over
 * in this migration's transaction and the old tables dropped: they would otherwise be a second
 * copy no projection writes any more, and everything in them is rebuildable from the event store
 * in this database. `compatibility_rules.declared_at` had no reader and is not kept: when a rule
 * was declared is its one event's `occurred_at` (the way back below reads it from there).
 */
export const InventoryViewSchema1764600000100 = sqlMigration('InventoryViewSchema1764600000100', {
  up: [
    `
      CREATE TABLE asset_details (
        asset_id           text PRIMARY KEY,
        kind               text NOT NULL,
        node               text NOT NULL,
        attributes         jsonb NOT NULL,
        owner              text NOT NULL,
        expires_on         date,
        version_changed_by text,
        registered_at      timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
    // For inventory's own queries: list filters, drift by product, expiring certificates and
    // licenses, rules between products.
    `CREATE INDEX asset_details_kind ON asset_details (kind)`,
    `CREATE INDEX asset_details_expiry ON asset_details (expires_on) WHERE expires_on IS NOT NULL`,
    `CREATE INDEX inventory_assets_filter ON inventory_assets (site, product, criticality)`,
    `CREATE INDEX inventory_assets_product ON inventory_assets (product, site)`,
    `CREATE INDEX inventory_rules_products ON inventory_rules (product, requires_product)`,

    `
      INSERT INTO inventory_assets (asset_id, name, product, version, site, criticality, status, business_processes,
        user_groups, peak_periods, stream_version)
      SELECT asset_id, name, product, version, site, criticality, status, business_processes, user_groups,
        peak_periods, stream_version FROM assets`,
    `
      INSERT INTO asset_details (asset_id, kind, node, attributes, owner, expires_on, version_changed_by,
        registered_at, updated_at)
      SELECT asset_id, kind, node, attributes, owner, expires_on, version_changed_by, registered_at, updated_at
        FROM assets`,
    `
      INSERT INTO inventory_dependencies (asset_id, depends_on_asset_id, relation)
      SELECT asset_id, depends_on_asset_id, relation FROM dependencies`,
    `
      INSERT INTO inventory_rules (rule_id, product, version_range, requires_product, requires_range, source, reason)
      SELECT rule_id, product, version_range, requires_product, requires_range, source, reason FROM compatibility_rules`,
    `DROP TABLE compatibility_rules, dependencies, assets`,
  ],
  /** Back to the old tables (InventoryReadModel1764000000100's), refilled from the new ones. */
  down: [
    ...ASSET_GRAPH_AND_RULE_TABLES,
    `
      INSERT INTO assets
      SELECT a.asset_id, a.name, d.kind, a.product, a.version, a.site, d.node, d.attributes, a.criticality, d.owner,
        a.business_processes, a.user_groups, a.peak_periods, d.expires_on, a.status, a.stream_version,
        d.version_changed_by, d.registered_at, d.updated_at
        FROM inventory_assets a JOIN asset_details d USING (asset_id)`,
    `INSERT INTO dependencies SELECT asset_id, depends_on_asset_id, relation FROM inventory_dependencies`,
    `
      INSERT INTO compatibility_rules
      SELECT r.rule_id, r.product, r.version_range, r.requires_product, r.requires_range, r.source, r.reason, e.occurred_at
        FROM inventory_rules r
        JOIN events e ON e.stream_id = 'compatibility-rule-' || r.rule_id AND e.stream_version = 1`,
    `DROP TABLE asset_details`,
    `DROP INDEX inventory_assets_filter, inventory_assets_product, inventory_rules_products`,
    `TRUNCATE inventory_rules, inventory_dependencies, inventory_assets`,
  ],
});
