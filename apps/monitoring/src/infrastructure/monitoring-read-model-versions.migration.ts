import { sqlMigration } from '@upgrade-control/platform';

/**
 * The stream version each row reflects (the plan's stream for upgrade_plans, monitoring's own for
 * monitoring_periods), so a redelivered or replayed event changes nothing (ADR 10).
 */
export const MonitoringReadModelVersions1764400000400 = sqlMigration('MonitoringReadModelVersions1764400000400', {
  up: [
    `ALTER TABLE upgrade_plans ADD COLUMN stream_version integer NOT NULL DEFAULT 0`,
    `ALTER TABLE monitoring_periods ADD COLUMN stream_version integer NOT NULL DEFAULT 0`,
  ],
  down: [
    `ALTER TABLE monitoring_periods DROP COLUMN stream_version`,
    `ALTER TABLE upgrade_plans DROP COLUMN stream_version`,
  ],
});
