import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the inventory; all rebuildable from the event store. */
export class InventoryReadModel1764000000100 implements MigrationInterface {
  name = 'InventoryReadModel1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
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
      )`);
    await q.query(`CREATE INDEX assets_filter ON assets (kind, site, product, criticality)`);
    await q.query(`CREATE INDEX assets_product ON assets (product, site, node)`);
    await q.query(`CREATE INDEX assets_expiry ON assets (expires_on) WHERE expires_on IS NOT NULL`);
    await q.query(`
      CREATE TABLE dependencies (
        asset_id            text NOT NULL,
        depends_on_asset_id text NOT NULL,
        relation            text NOT NULL,
        PRIMARY KEY (asset_id, depends_on_asset_id, relation)
      )`);
    await q.query(`CREATE INDEX dependencies_reverse ON dependencies (depends_on_asset_id)`);
    await q.query(`
      CREATE TABLE compatibility_rules (
        rule_id          text PRIMARY KEY,
        product          text NOT NULL,
        version_range    text NOT NULL,
        requires_product text NOT NULL,
        requires_range   text NOT NULL,
        source           jsonb NOT NULL,
        reason           text,
        declared_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX compatibility_rules_products ON compatibility_rules (product, requires_product)`);
    await q.query(`
      CREATE TABLE configuration_snapshots (
        snapshot_id   text PRIMARY KEY,
        asset_id      text NOT NULL,
        captured_at   timestamptz NOT NULL,
        label         text,
        content_hash  char(64) NOT NULL,
        configuration jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX configuration_snapshots_asset ON configuration_snapshots (asset_id, captured_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE configuration_snapshots, compatibility_rules, dependencies, assets`);
  }
}
