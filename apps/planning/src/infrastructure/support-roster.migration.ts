import { sqlMigration } from '@upgrade-control/platform';

/** The support roster: who is on call for which support role, when (support-roster.projection.ts). */
export const PlanningSupportRoster1765100000220 = sqlMigration('PlanningSupportRoster1765100000220', {
  up: [
    `
      CREATE TABLE support_roster (
        shift_id     text PRIMARY KEY,
        role         text NOT NULL,
        principal    text NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        recorded_by  text NOT NULL,
        cancelled    boolean NOT NULL DEFAULT false
      )`,
    `CREATE INDEX support_roster_period ON support_roster (starts_at, ends_at) WHERE NOT cancelled`,
  ],
  down: [`DROP TABLE support_roster`],
});
