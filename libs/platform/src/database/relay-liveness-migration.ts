import { sqlMigration } from './sql-migration.js';

/**
 * What keeps the relay moving (ADR 11):
 * - `uc_commit_horizon()`: the oldest transaction of THIS database that may still commit events,
 *   instead of the whole cluster's xmin, so a transaction left open in another database never
 *   holds publishing back;
 * - the checkpoint remembers the cluster it was written in and a position floor, so a database
 *   restored into another cluster (whose transaction ids start below the checkpoint) is re-based;
 * - parked events: records the broker refused for good, set aside so the ones behind them flow.
 */
export const RelayLiveness1764400000000 = sqlMigration('RelayLiveness1764400000000', {
  up: [
    // In progress at the snapshot and not known to belong to another database: only those can
    // still add rows here. Transactions of other roles may be invisible in pg_stat_activity
    // without pg_read_all_stats; they then count as ours, which only makes the horizon earlier.
    // On the hot path (called for every relay read): at most one look at pg_stat_activity, none
    // when nothing is running.
    `
      CREATE FUNCTION uc_commit_horizon() RETURNS xid8 LANGUAGE plpgsql STABLE AS $$
      DECLARE
        snap pg_snapshot := pg_current_snapshot();
        foreign_xids text[];
      BEGIN
        IF pg_snapshot_xmin(snap) = pg_snapshot_xmax(snap) THEN
          RETURN pg_snapshot_xmax(snap);
        END IF;
        SELECT array_agg(backend_xid::text) INTO foreign_xids FROM pg_stat_activity
         WHERE datname IS DISTINCT FROM current_database() AND backend_xid IS NOT NULL;
        IF foreign_xids IS NULL THEN
          RETURN pg_snapshot_xmin(snap);
        END IF;
        RETURN coalesce(
          (SELECT min(x) FROM pg_snapshot_xip(snap) AS x
            WHERE NOT ((x::text::numeric % 4294967296)::text = ANY (foreign_xids))),
          pg_snapshot_xmax(snap));
      END $$`,
    // The cluster's identity where this role may read it; null where it may not.
    `
      CREATE FUNCTION uc_cluster_id() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN has_function_privilege('pg_control_system()', 'EXECUTE')
          THEN (SELECT system_identifier::text FROM pg_control_system()) END
      $$`,
    `
      ALTER TABLE relay_checkpoints
        ADD COLUMN system_id text,
        ADD COLUMN floor_position bigint NOT NULL DEFAULT 0,
        ADD COLUMN draining boolean NOT NULL DEFAULT false`,
    `
      CREATE TABLE relay_parked_events (
        relay           text NOT NULL,
        event_id        uuid NOT NULL,
        stream_id       text NOT NULL,
        stream_version  integer NOT NULL,
        position        bigint NOT NULL,
        bytes           integer NOT NULL,
        reason          text NOT NULL,
        parked_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (relay, event_id)
      )`,
  ],
  down: [
    'DROP TABLE relay_parked_events',
    'ALTER TABLE relay_checkpoints DROP COLUMN system_id, DROP COLUMN floor_position, DROP COLUMN draining',
    'DROP FUNCTION uc_commit_horizon',
    'DROP FUNCTION uc_cluster_id',
  ],
});
