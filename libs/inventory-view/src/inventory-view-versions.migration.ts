import type { Migration, MigrationRunner } from '@upgrade-control/platform';

/**
 * The stream version each asset row reflects, so that a redelivered or replayed event changes
 * nothing (ADR 10). Rows from before this migration start at 0: only events older than the row's
 * real state could then be reapplied, and the inbox already keeps a redelivery out.
 */
export class InventoryViewVersions1764400000150 implements Migration {
  name = 'InventoryViewVersions1764400000150';

  async up(q: MigrationRunner): Promise<void> {
    await q.query(`ALTER TABLE inventory_assets ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: MigrationRunner): Promise<void> {
    await q.query(`ALTER TABLE inventory_assets DROP COLUMN stream_version`);
  }
}
