import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stream version each row reflects (the plan's stream for ready_upgrades, execution's own
 * for deadlines), so a redelivered or replayed event changes nothing (ADR 10).
 */
export class ExecutionReadModelVersions1764400000300 implements MigrationInterface {
  name = 'ExecutionReadModelVersions1764400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ready_upgrades ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE deadlines ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines DROP COLUMN stream_version`);
    await q.query(`ALTER TABLE ready_upgrades DROP COLUMN stream_version`);
  }
}
