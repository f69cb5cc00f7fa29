import { sqlMigration } from '@upgrade-control/platform';

/**
 * The assets, dependency and compatibility rule tables as this migration made them:
 * InventoryViewSchema1764600000100 moved them into the inventory view's tables, and its way down
 * makes them again.
 */
export const ASSET_GRAPH_AND_RULE_TABLES = [
  `
      CREATE TABLE assets (
        asset_id           text PRIMARY KEY,
        name               text NOT NULL,
        kind               text NOT NULL,
        product            text NOT NULL,
        version            text NOT NULL,
        site               text NOT NULL,
        node               text NOT NULL,
        attributes         jsonb NOT NULL,
        criticality        text NOT NULL,
        owner              text NOT NULL,
        business_processes text[] NOT NULL,
        user_groups        text[] NOT NULL,
        peak_periods       jsonb NOT NULL,
        expires_on         date,
        status             text NOT NULL,
        stream_version     integer NOT NULL,
        version_changed_by text,
        registered_at      timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
  `CREATE INDEX assets_filter ON assets (kind, site, product, criticality)`,
  `CREATE INDEX assets_product ON assets (product, site, node)`,
  `CREATE INDEX assets_expiry ON assets (expires_on) WHERE expires_on IS NOT NULL`,
  `
      CREATE TABLE dependencies (
        asset_id            text NOT NULL,
        depends_on_asset_id text NOT NULL,
        relation            text NOT NULL,
        PRIMARY KEY (asset_id, depends_on_asset_id, relation)
      )`,
  `CREATE INDEX dependencies_reverse ON dependencies (depends_on_asset_id)`,
  `
      CREATE TABLE compatibility_rules (
        rule_id          text PRIMARY KEY,
        product          text NOT NULL,
        version_range    text NOT NULL,
        requires_product text NOT NULL,
        requires_range   text NOT NULL,
        source           jsonb NOT NULL,
        reason           text,
        declared_at      timestamptz NOT NULL
      )`,
  `CREATE INDEX compatibility_rules_products ON compatibility_rules (product, requires_product)`,
];

/** Read models of the inventory; all rebuildable from the event store. */
export const InventoryReadModel1764000000100 = sqlMigration('InventoryReadModel1764000000100', {
  up: [
    ...ASSET_GRAPH_AND_RULE_TABLES,
    `
      CREATE TABLE configuration_snapshots (
        snapshot_id   text PRIMARY KEY,
        asset_id      text NOT NULL,
        captured_at   timestamptz NOT NULL,
        label         text,
        content_hash  char(64) NOT NULL,
        configuration jsonb NOT NULL
      )`,
    `CREATE INDEX configuration_snapshots_asset ON configuration_snapshots (asset_id, captured_at)`,
  ],
  down: [`DROP TABLE configuration_snapshots, compatibility_rules, dependencies, assets`],
});
