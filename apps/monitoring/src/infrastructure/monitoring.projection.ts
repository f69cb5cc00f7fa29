import type { StatementProjection } from '@upgrade-control/platform';
import { recordLogStatement } from './record-log.projection.js';

/**
 * Monitoring's own events: into the record log, and the detector's worklist of open periods,
 * guarded by the monitoring stream's version so applying an event again changes nothing (ADR 10).
 */
export const projectMonitoring: StatementProjection = (e) => {
  const p = e.payload as { upgradeId: string; endsAt?: string; newEndsAt?: string };
  switch (e.type) {
    case 'MonitoringStarted':
    case 'MonitoringExtended':
      return [
        recordLogStatement(e),
        {
          sql: `INSERT INTO monitoring_periods (upgrade_id, ends_at, active, stream_version) VALUES ($1, $2, true, $3)
                ON CONFLICT (upgrade_id) DO UPDATE SET ends_at = $2, active = true, stream_version = $3
                WHERE monitoring_periods.stream_version < $3`,
          parameters: [p.upgradeId, p.endsAt ?? p.newEndsAt, e.streamVersion],
        },
      ];
    case 'StabilityConfirmed':
    case 'MonitoringEndedByRollback':
      return [
        recordLogStatement(e),
        {
          sql: 'UPDATE monitoring_periods SET active = false, stream_version = $2 WHERE upgrade_id = $1 AND stream_version < $2',
          parameters: [p.upgradeId, e.streamVersion],
        },
      ];
    default:
      return [recordLogStatement(e)];
  }
};
