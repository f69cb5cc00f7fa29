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

/**
 * The plan's shape grew (notices carry the reported time, a held close): rows keep no plan until
 * their next event, and the plan read model folds their stream (upcast) meanwhile. Nothing to
 * undo on the way down: the plan column is a cache of the stream.
 */
export const PlanningPlanStateRefold1764900000200 = sqlMigration('PlanningPlanStateRefold1764900000200', {
  up: [`UPDATE plans SET plan = NULL`],
  down: [],
});

/** The plan's shape grew again (measured restores): refolded as above. */
export const PlanningPlanStateRefold1765200000200 = sqlMigration('PlanningPlanStateRefold1765200000200', {
  up: [`UPDATE plans SET plan = NULL`],
  down: [],
});

/** The plan's shape grew again (its metric analysis, issue 17): refolded as above. */
export const PlanningPlanStateRefold1765400000200 = sqlMigration('PlanningPlanStateRefold1765400000200', {
  up: [`UPDATE plans SET plan = NULL`],
  down: [],
});

/** The plan's shape grew again (its waves, issue 18): refolded as above. */
export const PlanningPlanStateRefold1765500000200 = sqlMigration('PlanningPlanStateRefold1765500000200', {
  up: [`UPDATE plans SET plan = NULL`],
  down: [],
});
