import { sqlMigration } from '@upgrade-control/platform';

/**
 * Each plan row also keeps the plan as its stream folds to (plans.projection.ts), so reading a
 * plan before a command is one row instead of a fold of its stream. Rows from before this
 * migration have none until their next event; the plan read model folds their stream meanwhile.
 */
export const PlanningPlanState1764500000200 = sqlMigration('PlanningPlanState1764500000200', {
  up: [`ALTER TABLE plans ADD COLUMN plan json`],
  down: [`ALTER TABLE plans DROP COLUMN plan`],
});
