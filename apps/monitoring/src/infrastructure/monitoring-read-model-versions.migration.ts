import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stream version each row reflects (the plan's stream for upgrade_plans, monitoring's own for
 * monitoring_periods), so a redelivered or replayed event changes nothing (ADR 10).
 */
export class MonitoringReadModelVersions1764400000400 implements MigrationInterface {
  name = 'MonitoringReadModelVersions1764400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE upgrade_plans ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE monitoring_periods ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE monitoring_periods DROP COLUMN stream_version`);
    await q.query(`ALTER TABLE upgrade_plans DROP COLUMN stream_version`);
  }
}
