import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import { notFound, type DomainError } from '@upgrade-control/platform/domain';
import { diffConfigurations, type SnapshotDiff } from '@upgrade-control/contracts';
import { SnapshotReadModel, type Snapshot, type SnapshotSummary } from './snapshot-read-model.port.js';

/** An asset's snapshots, oldest first. */
export class ListSnapshots extends Query<Page<SnapshotSummary>> {
  constructor(
    readonly assetId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const ListSnapshotsHandler = queryHandlerFor(ListSnapshots, SnapshotReadModel, (snapshots, { assetId, page }) =>
  snapshots.snapshots(assetId, page),
);

/** One snapshot with its configuration; null when the asset has no such snapshot. */
export class GetSnapshot extends Query<Snapshot | null> {
  constructor(
    readonly assetId: string,
    readonly snapshotId: string,
  ) {
    super();
  }
}

export const GetSnapshotHandler = queryHandlerFor(
  GetSnapshot,
  SnapshotReadModel,
  (snapshots, { assetId, snapshotId }) => snapshots.snapshot(assetId, snapshotId),
);

export type SnapshotComparison =
  { ok: true; diff: { from: string; to: string } & SnapshotDiff } | { ok: false; error: DomainError };

/** Added, removed and changed paths from snapshot `from` to snapshot `to` of one asset. */
export class DiffSnapshots extends Query<SnapshotComparison> {
  constructor(
    readonly assetId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export const DiffSnapshotsHandler = queryHandlerFor(
  DiffSnapshots,
  SnapshotReadModel,
  async (snapshots, { assetId, from, to }): Promise<SnapshotComparison> => {
    const [before, after] = await Promise.all([snapshots.snapshot(assetId, from), snapshots.snapshot(assetId, to)]);
    if (!before || !after) return { ok: false, error: notFound(`snapshot ${before ? to : from} not found`) };
    return { ok: true, diff: { from, to, ...diffConfigurations(before.configuration, after.configuration) } };
  },
);
