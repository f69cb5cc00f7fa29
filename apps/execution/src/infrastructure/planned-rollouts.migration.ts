import { sqlMigration } from '@upgrade-control/platform';

/**
 * Each plan's waves and regression policy as planning last defined them (WavesDefined), so that
 * the start carries them into the run (ADR 37); guarded by the plan stream's version. Waves are
 * defined in Draft, before the plan is ready, on the same stream: the start always finds them.
 */
export const ExecutionPlannedRollouts1765700000300 = sqlMigration('ExecutionPlannedRollouts1765700000300', {
  up: [
    `CREATE TABLE planned_rollouts (
       upgrade_id text PRIMARY KEY,
       waves jsonb NOT NULL,
       on_regression jsonb NOT NULL,
       stream_version integer NOT NULL)`,
  ],
  down: [`DROP TABLE planned_rollouts`],
});
