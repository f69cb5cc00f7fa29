import { sqlMigration } from '@upgrade-control/platform';

/**
 * The live stream's cursor: the writing transaction's id next to `seq`. A bigserial is taken at
 * INSERT, not at COMMIT, so a lower seq can become visible after a higher one was served; rows
 * read in (tx_id, seq) order below the commit horizon can no longer be overtaken (as the relay
 * reads the events table). Existing rows all get this migration's transaction id, which keeps
 * their seq order.
 */
export const RecordEventsCommitOrder1764300000400 = sqlMigration('RecordEventsCommitOrder1764300000400', {
  up: [
    `ALTER TABLE record_events ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()`,
    `CREATE INDEX record_events_commit_order ON record_events (tx_id, seq)`,
    `CREATE INDEX record_events_upgrade_commit_order ON record_events (upgrade_id, tx_id, seq)`,
  ],
  down: [
    `DROP INDEX record_events_upgrade_commit_order, record_events_commit_order`,
    `ALTER TABLE record_events DROP COLUMN tx_id`,
  ],
});
