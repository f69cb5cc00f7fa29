import { sqlMigration } from '@upgrade-control/platform';

/**
 * The plan list pages newest first by when the plan was proposed (ADR 22): a key that never
 * changes, unlike updated_at, so a plan written to between two pages is neither lost nor repeated.
 * Existing rows take the time of their stream's first event.
 */
export const PlanningPlanOrder1765300000200 = sqlMigration('PlanningPlanOrder1765300000200', {
  up: [
    `ALTER TABLE plans ADD COLUMN proposed_at timestamptz`,
    `UPDATE plans p SET proposed_at = coalesce(
       (SELECT min(e.occurred_at) FROM events e WHERE e.stream_id = 'upgrade-' || p.upgrade_id), p.updated_at)`,
    `ALTER TABLE plans ALTER COLUMN proposed_at SET NOT NULL`,
    `CREATE INDEX plans_newest_first ON plans (proposed_at DESC, upgrade_id DESC)`,
  ],
  down: [`DROP INDEX plans_newest_first`, `ALTER TABLE plans DROP COLUMN proposed_at`],
});
