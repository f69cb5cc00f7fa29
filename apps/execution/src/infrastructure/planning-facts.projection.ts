import type { EventEnvelope } from '@upgrade-control/contracts';
import type { EventHandler, Transaction } from '@upgrade-control/platform';

/**
 * Ready plans, their waves, their windows' estimates and the change calendar, as planning publishes them. A
 * plan's rows are guarded by the plan stream's version (scheduling, readiness and cancellation are
 * events of that one stream, so they arrive in order); a freeze is declared once. Applying an event again changes nothing (ADR 10).
 */
export const PLANNING_FACTS: [string, EventHandler][] = [
  [
    'UpgradeReadyForExecution',
    async (e: EventEnvelope, tx: Transaction) => {
      const upgradeId = (e.payload as { upgradeId: string }).upgradeId;
      await tx.query(
        `INSERT INTO ready_upgrades (upgrade_id, ready_event_id, plan, cancelled, stream_version) VALUES ($1, $2, $3, false, $4)
         ON CONFLICT (upgrade_id) DO UPDATE SET ready_event_id = $2, plan = $3, cancelled = false, stream_version = $4
         WHERE ready_upgrades.stream_version < $4`,
        [upgradeId, e.eventId, e.payload, e.streamVersion],
      );
    },
  ],
  [
    'MaintenanceWindowScheduled',
    async (e, tx) => {
      const p = e.payload as { upgradeId: string; estimates: unknown };
      await tx.query(
        `INSERT INTO window_estimates VALUES ($1, $2, $3)
         ON CONFLICT (upgrade_id) DO UPDATE SET estimates = $2, stream_version = $3 WHERE window_estimates.stream_version < $3`,
        [p.upgradeId, p.estimates, e.streamVersion],
      );
    },
  ],
  [
    'WavesDefined',
    async (e, tx) => {
      const p = e.payload as { upgradeId: string; waves: unknown[]; onRegression: unknown };
      await tx.query(
        `INSERT INTO planned_rollouts VALUES ($1, $2, $3, $4)
         ON CONFLICT (upgrade_id) DO UPDATE SET waves = $2, on_regression = $3, stream_version = $4
         WHERE planned_rollouts.stream_version < $4`,
        [p.upgradeId, JSON.stringify(p.waves), p.onRegression, e.streamVersion],
      );
    },
  ],
  [
    'UpgradeCancelled',
    async (e, tx) => {
      await tx.query(
        'UPDATE ready_upgrades SET cancelled = true, stream_version = $2 WHERE upgrade_id = $1 AND stream_version < $2',
        [(e.payload as { upgradeId: string }).upgradeId, e.streamVersion],
      );
    },
  ],
  [
    'ChangeFreezeDeclared',
    async (e, tx) => {
      const p = e.payload as { freezeId: string; name: string; startsAt: string; endsAt: string; scope: unknown };
      await tx.query('INSERT INTO freezes VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        p.freezeId,
        p.name,
        p.startsAt,
        p.endsAt,
        p.scope,
      ]);
    },
  ],
];
