import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, type DomainError } from '@upgrade-control/platform/domain';
import { diffConfigurations, type SnapshotDiff } from '../domain/configuration-snapshot.decider.js';
import { SnapshotReadModel, type Snapshot, type SnapshotSummary } from './snapshot-read-model.port.js';

/** An asset's snapshots, oldest first. */
export class ListSnapshots extends Query<SnapshotSummary[]> {
  constructor(readonly assetId: string) {
    super();
  }
}

@QueryHandler(ListSnapshots)
export class ListSnapshotsHandler implements IQueryHandler<ListSnapshots> {
  constructor(private readonly snapshots: SnapshotReadModel) {}

  execute({ assetId }: ListSnapshots): Promise<SnapshotSummary[]> {
    return this.snapshots.snapshots(assetId);
  }
}

/** One snapshot with its configuration; null when the asset has no such snapshot. */
export class GetSnapshot extends Query<Snapshot | null> {
  constructor(
    readonly assetId: string,
    readonly snapshotId: string,
  ) {
    super();
  }
}

@QueryHandler(GetSnapshot)
export class GetSnapshotHandler implements IQueryHandler<GetSnapshot> {
  constructor(private readonly snapshots: SnapshotReadModel) {}

  execute({ assetId, snapshotId }: GetSnapshot): Promise<Snapshot | null> {
    return this.snapshots.snapshot(assetId, snapshotId);
  }
}

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

@QueryHandler(DiffSnapshots)
export class DiffSnapshotsHandler implements IQueryHandler<DiffSnapshots> {
  constructor(private readonly snapshots: SnapshotReadModel) {}

  async execute({ assetId, from, to }: DiffSnapshots): Promise<SnapshotComparison> {
    const [before, after] = await Promise.all([
      this.snapshots.snapshot(assetId, from),
      this.snapshots.snapshot(assetId, to),
    ]);
    if (!before || !after) return { ok: false, error: notFound(`snapshot ${before ? to : from} not found`) };
    return { ok: true, diff: { from, to, ...diffConfigurations(before.configuration, after.configuration) } };
  }
}
