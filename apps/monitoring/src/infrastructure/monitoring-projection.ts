import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { appendToRecordLog } from './record-log.js';

/** Monitoring's own events: into the record log, and the detector's worklist of open periods. */
export async function projectMonitoring(events: EventEnvelope[], tx: EntityManager): Promise<void> {
  for (const e of events) {
    await appendToRecordLog(e, tx);
    const p = e.payload as { upgradeId: string; endsAt?: string; newEndsAt?: string };
    if (e.type === 'MonitoringStarted' || e.type === 'MonitoringExtended') {
      await tx.query(
        'INSERT INTO monitoring_periods VALUES ($1, $2, true) ON CONFLICT (upgrade_id) DO UPDATE SET ends_at = $2, active = true',
        [p.upgradeId, p.endsAt ?? p.newEndsAt],
      );
    }
    if (e.type === 'StabilityConfirmed')
      await tx.query('UPDATE monitoring_periods SET active = false WHERE upgrade_id = $1', [p.upgradeId]);
  }
}
