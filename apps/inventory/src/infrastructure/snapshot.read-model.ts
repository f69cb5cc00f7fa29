import { Injectable } from '@nestjs/common';
import { Database, pageOf, type Page, type PageRequest } from '@upgrade-control/platform';
import { SnapshotReadModel, type Snapshot, type SnapshotSummary } from '../application/snapshot-read-model.port.js';

const SUMMARY = `snapshot_id AS "snapshotId", captured_at AS "capturedAt", label, content_hash AS "contentHash"`;

/** Inventory's own table of configuration snapshots (configuration-snapshot.projection.ts). */
@Injectable()
export class SqlSnapshotReadModel extends SnapshotReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async snapshots(assetId: string, page: PageRequest): Promise<Page<SnapshotSummary>> {
    const [capturedAt = null, snapshotId = null] = page.after ?? [];
    const rows = await this.db.query<SnapshotSummary>(
      `SELECT ${SUMMARY} FROM configuration_snapshots
        WHERE asset_id = $1 AND ($2::timestamptz IS NULL OR (captured_at, snapshot_id) > ($2::timestamptz, $3::text))
        ORDER BY captured_at, snapshot_id LIMIT $4`,
      [assetId, capturedAt, snapshotId, page.limit + 1],
    );
    return pageOf(rows, page, (s) => [new Date(s.capturedAt).toISOString(), s.snapshotId]);
  }

  snapshot(assetId: string, snapshotId: string): Promise<Snapshot | null> {
    return this.db.one<Snapshot>(
      `SELECT ${SUMMARY}, configuration FROM configuration_snapshots WHERE asset_id = $1 AND snapshot_id = $2`,
      [assetId, snapshotId],
    );
  }
}
