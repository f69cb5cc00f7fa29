import type { Page, PageRequest } from '@upgrade-control/platform';
export interface SnapshotSummary {
  snapshotId: string;
  capturedAt: string;
  label: string | null;
  contentHash: string;
}

export interface Snapshot extends SnapshotSummary {
  configuration: Record<string, unknown>;
}

/** The configuration snapshots captured of each asset. */
export abstract class SnapshotReadModel {
  /** An asset's snapshots, oldest first. */
  abstract snapshots(assetId: string, page: PageRequest): Promise<Page<SnapshotSummary>>;
  abstract snapshot(assetId: string, snapshotId: string): Promise<Snapshot | null>;
}
