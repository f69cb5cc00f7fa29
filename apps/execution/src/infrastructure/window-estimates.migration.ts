import { sqlMigration } from '@upgrade-control/platform';

/**
 * The parts of each plan's window as planning scheduled them (MaintenanceWindowScheduled), so
 * that the start can check the window still holds them; guarded by the plan stream's version.
 */
export const ExecutionWindowEstimates1765000000300 = sqlMigration('ExecutionWindowEstimates1765000000300', {
  up: [
    `CREATE TABLE window_estimates (
       upgrade_id text PRIMARY KEY,
       estimates jsonb NOT NULL,
       stream_version integer NOT NULL)`,
  ],
  down: [`DROP TABLE window_estimates`],
});
