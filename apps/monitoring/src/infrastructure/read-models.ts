import { RecordEventsCommitOrder1764300000400 } from './record-commit-order.migration.js';
import { applyStatements, type ReadModels } from '@upgrade-control/platform';
import { projectMonitoring } from './monitoring.projection.js';
import { MonitoringReadModel1764000000400 } from './monitoring-read-model.migration.js';
import { MonitoringReadModelVersions1764400000400 } from './monitoring-read-model-versions.migration.js';
import { recordLogStatement } from './record-log.projection.js';

/** Monitoring's read models, registered by its module and rebuilt by `npm run rebuild -- monitoring`. */
export const MONITORING_MIGRATIONS = [
  MonitoringReadModel1764000000400,
  RecordEventsCommitOrder1764300000400,
  MonitoringReadModelVersions1764400000400,
];

export const MONITORING_READ_MODELS: ReadModels = {
  statements: [projectMonitoring],
  consumed: [
    [
      'UpgradeReadyForExecution',
      // Guarded by the plan stream's version: a plan made ready again replaces the older one, never the reverse.
      async (e, tx) => {
        await tx.query(
          `INSERT INTO upgrade_plans (upgrade_id, plan, stream_version) VALUES ($1, $2, $3)
           ON CONFLICT (upgrade_id) DO UPDATE SET plan = $2, stream_version = $3 WHERE upgrade_plans.stream_version < $3`,
          [(e.payload as { upgradeId: string }).upgradeId, e.payload, e.streamVersion],
        );
      },
    ],
  ],
  // Every event of the other services joins the record log as published (hash intact).
  everyConsumed: [(_event, tx, stored) => applyStatements([recordLogStatement(stored)], tx)],
  tables: [
    { name: 'upgrade_plans', key: ['upgrade_id'] },
    { name: 'monitoring_periods', key: ['upgrade_id'] },
    // seq and tx_id are when this database happened to hear events; metric_samples are not events.
    { name: 'record_events', key: ['event_id'], ignore: ['seq', 'tx_id'] },
  ],
};
