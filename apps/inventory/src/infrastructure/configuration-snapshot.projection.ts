import type { StatementProjection } from '@upgrade-control/platform';

type P = Record<string, unknown>;

/** Inventory's own table of configuration snapshots; a snapshot is captured once and never changes. */
export const projectConfigurationSnapshots: StatementProjection = (event) => {
  if (event.type !== 'ConfigurationSnapshotCaptured') return [];
  const p = event.payload as P;
  return [
    {
      sql: 'INSERT INTO configuration_snapshots VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING',
      parameters: [p.snapshotId, p.assetId, p.capturedAt, p.label, p.contentHash, p.configuration],
    },
  ];
};
