import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What execution knows from planning (ready plans, the calendar) and its own deadlines. */
export class ExecutionReadModel1764000000300 implements MigrationInterface {
  name = 'ExecutionReadModel1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ready_upgrades (
        upgrade_id     text PRIMARY KEY,
        ready_event_id text NOT NULL,
        plan           jsonb NOT NULL,
        cancelled      boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE freezes (
        freeze_id text PRIMARY KEY,
        name      text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at   timestamptz NOT NULL,
        scope     jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE deadlines (
        upgrade_id text NOT NULL,
        kind       text NOT NULL,
        due_at     timestamptz NOT NULL,
        active     boolean NOT NULL,
        PRIMARY KEY (upgrade_id, kind)
      )`);
    await q.query(`CREATE INDEX deadlines_due ON deadlines (due_at) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadlines, freezes, ready_upgrades`);
  }
}
