import { sqlMigration } from '@upgrade-control/platform';

/** Planning's read models: its plans and its change calendar. */
export const PlanningReadModel1764000000200 = sqlMigration('PlanningReadModel1764000000200', {
  up: [
    `
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
      )`,
    `CREATE INDEX plans_window ON plans (window_starts, window_ends) WHERE window_starts IS NOT NULL`,
    `
      CREATE TABLE calendar (
        freeze_id  text PRIMARY KEY,
        kind       text NOT NULL,
        name       text NOT NULL,
        starts_at  timestamptz NOT NULL,
        ends_at    timestamptz NOT NULL,
        scope      jsonb NOT NULL,
        reason     text NOT NULL
      )`,
    `CREATE INDEX calendar_period ON calendar (starts_at, ends_at)`,
  ],
  down: [`DROP TABLE calendar, plans`],
});
