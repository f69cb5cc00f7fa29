import { Injectable } from '@nestjs/common';
import { Database } from '@upgrade-control/platform';
import { SnapshotReadModel, type Snapshot, type SnapshotSummary } from '../application/snapshot-read-model.port.js';

const SUMMARY = `snapshot_id AS "snapshotId", captured_at AS "capturedAt", label, content_hash AS "contentHash"`;

/** Inventory's own table of configuration snapshots (configuration-snapshot.projection.ts). */
@Injectable()
export class SqlSnapshotReadModel extends SnapshotReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  snapshots(assetId: string): Promise<SnapshotSummary[]> {
    return this.db.query<SnapshotSummary>(
      `SELECT ${SUMMARY} FROM configuration_snapshots WHERE asset_id = $1 ORDER BY captured_at, snapshot_id`,
      [assetId],
    );
  }

  snapshot(assetId: string, snapshotId: string): Promise<Snapshot | null> {
    return this.db.one<Snapshot>(
      `SELECT ${SUMMARY}, configuration FROM configuration_snapshots WHERE asset_id = $1 AND snapshot_id = $2`,
      [assetId, snapshotId],
    );
  }
}
