import type { StatementProjection } from '@upgrade-control/platform';
import { recordLogStatement } from './record-log.js';

/** Monitoring's own events: into the record log, and the detector's worklist of open periods. */
export const projectMonitoring: StatementProjection = (e) => {
  const p = e.payload as { upgradeId: string; endsAt?: string; newEndsAt?: string };
  switch (e.type) {
    case 'MonitoringStarted':
    case 'MonitoringExtended':
      return [
        recordLogStatement(e),
        {
          sql: 'INSERT INTO monitoring_periods VALUES ($1, $2, true) ON CONFLICT (upgrade_id) DO UPDATE SET ends_at = $2, active = true',
          parameters: [p.upgradeId, p.endsAt ?? p.newEndsAt],
        },
      ];
    case 'StabilityConfirmed':
      return [
        recordLogStatement(e),
        { sql: 'UPDATE monitoring_periods SET active = false WHERE upgrade_id = $1', parameters: [p.upgradeId] },
      ];
    default:
      return [recordLogStatement(e)];
  }
};
