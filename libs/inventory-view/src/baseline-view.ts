import type { BaselineCaptured, CapturedBaseline, EventEnvelope, PayloadOf } from '@upgrade-control/contracts';
import {
  sqlMigration,
  type Database,
  type EventHandler,
  type ReadModelTable,
  type Transaction,
} from '@upgrade-control/platform';

/**
 * Monitoring's baselines as planning and execution keep them (the readiness gate and the start
 * both ask for one per trigger metric): each asset's latest capture per upgrade, as monitoring
 * itself keeps it. Guarded by the monitoring stream's version, so a redelivery or an older capture
 * arriving late changes nothing (ADR 10).
 */
export const BaselineView1765000000150 = sqlMigration('BaselineView1765000000150', {
  up: [
    `CREATE TABLE monitoring_baselines (
       upgrade_id text NOT NULL,
       asset_id text NOT NULL,
       metrics jsonb NOT NULL,
       captured_to text NOT NULL,
       stream_version integer NOT NULL,
       PRIMARY KEY (upgrade_id, asset_id))`,
  ],
  down: [`DROP TABLE monitoring_baselines`],
});

export const BASELINE_VIEW_TABLES: ReadModelTable[] = [
  { name: 'monitoring_baselines', key: ['upgrade_id', 'asset_id'] },
];

export const BASELINE_VIEW_PROJECTIONS: [string, EventHandler][] = [
  [
    'BaselineCaptured',
    async (e: EventEnvelope, tx: Transaction) => {
      const b = e.payload as PayloadOf<typeof BaselineCaptured>;
      await tx.query(
        `INSERT INTO monitoring_baselines VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (upgrade_id, asset_id) DO UPDATE SET metrics = $3, captured_to = $4, stream_version = $5
         WHERE monitoring_baselines.stream_version < $5`,
        [b.upgradeId, b.assetId, JSON.stringify(Object.keys(b.metrics)), b.to, e.streamVersion],
      );
    },
  ],
];

/** Each asset's latest baseline for the upgrade. */
export const latestBaselines = (db: Database, upgradeId: string, tx?: Transaction): Promise<CapturedBaseline[]> =>
  db.query<CapturedBaseline>(
    `SELECT asset_id AS "assetId", metrics, captured_to AS "to" FROM monitoring_baselines WHERE upgrade_id = $1`,
    [upgradeId],
    tx,
  );
