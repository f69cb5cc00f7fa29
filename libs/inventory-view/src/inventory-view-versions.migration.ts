import { sqlMigration } from '@upgrade-control/platform';

/**
 * The stream version each asset row reflects, so that a redelivered or replayed event changes
 * nothing (ADR 10). Rows from before this migration start at 0: only events older than the row's
 * real state could then be reapplied, and the inbox already keeps a redelivery out.
 */
export const InventoryViewVersions1764400000150 = sqlMigration('InventoryViewVersions1764400000150', {
  up: [`ALTER TABLE inventory_assets ADD COLUMN stream_version integer NOT NULL DEFAULT 0`],
  down: [`ALTER TABLE inventory_assets DROP COLUMN stream_version`],
});
