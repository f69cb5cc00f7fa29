import { sqlMigration } from '@upgrade-control/platform';

/** What execution knows from planning (ready plans, the calendar) and its own deadlines. */
export const ExecutionReadModel1764000000300 = sqlMigration('ExecutionReadModel1764000000300', {
  up: [
    `
      CREATE TABLE ready_upgrades (
        upgrade_id     text PRIMARY KEY,
        ready_event_id text NOT NULL,
        plan           jsonb NOT NULL,
        cancelled      boolean NOT NULL DEFAULT false
      )`,
    `
      CREATE TABLE freezes (
        freeze_id text PRIMARY KEY,
        name      text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at   timestamptz NOT NULL,
        scope     jsonb NOT NULL
      )`,
    `
      CREATE TABLE deadlines (
        upgrade_id text NOT NULL,
        kind       text NOT NULL,
        due_at     timestamptz NOT NULL,
        active     boolean NOT NULL,
        PRIMARY KEY (upgrade_id, kind)
      )`,
    `CREATE INDEX deadlines_due ON deadlines (due_at) WHERE active`,
  ],
  down: [`DROP TABLE deadlines, freezes, ready_upgrades`],
});
