import { sqlMigration } from '@upgrade-control/platform';

/**
 * The stream version each row reflects (the plan's stream for ready_upgrades, execution's own
 * for deadlines), so a redelivered or replayed event changes nothing (ADR 10).
 */
export const ExecutionReadModelVersions1764400000300 = sqlMigration('ExecutionReadModelVersions1764400000300', {
  up: [
    `ALTER TABLE ready_upgrades ADD COLUMN stream_version integer NOT NULL DEFAULT 0`,
    `ALTER TABLE deadlines ADD COLUMN stream_version integer NOT NULL DEFAULT 0`,
  ],
  down: [`ALTER TABLE deadlines DROP COLUMN stream_version`, `ALTER TABLE ready_upgrades DROP COLUMN stream_version`],
});
