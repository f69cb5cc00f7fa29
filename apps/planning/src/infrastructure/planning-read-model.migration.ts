import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Planning's read models: its plans and calendar, and its own projection of the inventory. */
export class PlanningReadModel1764000000200 implements MigrationInterface {
  name = 'PlanningReadModel1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        upgrade_id     text PRIMARY KEY,
        title          text NOT NULL,
        status         text NOT NULL,
        urgency        text NOT NULL,
        requested_by   text NOT NULL,
        asset_ids      text[] NOT NULL,
        window_starts  timestamptz,
        window_ends    timestamptz,
        stream_version integer NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX plans_window ON plans (window_starts, window_ends) WHERE window_starts IS NOT NULL`);
    await q.query(`
      CREATE TABLE calendar (
        freeze_id  text PRIMARY KEY,
        kind       text NOT NULL,
        name       text NOT NULL,
        starts_at  timestamptz NOT NULL,
        ends_at    timestamptz NOT NULL,
        scope      jsonb NOT NULL,
        reason     text NOT NULL
      )`);
    await q.query(`CREATE INDEX calendar_period ON calendar (starts_at, ends_at)`);
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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inventory_rules, inventory_dependencies, inventory_assets, calendar, plans`);
  }
}
