import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each plan row also keeps the plan as its stream folds to (plans.projection.ts), so reading a
 * plan before a command is one row instead of a fold of its stream. Rows from before this
 * migration have none until their next event; the plan read model folds their stream meanwhile.
 */
export class PlanningPlanState1764500000200 implements MigrationInterface {
  name = 'PlanningPlanState1764500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans ADD COLUMN plan json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans DROP COLUMN plan`);
  }
}

/**
 * The plan's shape grew (notices carry the reported time, a held close): rows keep no plan until
 * their next event, and the plan read model folds their stream (upcast) meanwhile.
 */
export class PlanningPlanStateRefold1764900000200 implements MigrationInterface {
  name = 'PlanningPlanStateRefold1764900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE plans SET plan = NULL`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the plan column is a cache of the stream.
  }
}
