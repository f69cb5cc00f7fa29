import type { EntityManager } from 'typeorm';
import type { EventConsumer } from '@upgrade-control/platform';
import type { EventEnvelope } from '@upgrade-control/contracts';

/** Ready plans and the change calendar, as planning publishes them. */
export function subscribePlanningFacts(consumer: EventConsumer): void {
  consumer
    .on('UpgradeReadyForExecution', async (e: EventEnvelope, tx: EntityManager) => {
      const upgradeId = (e.payload as { upgradeId: string }).upgradeId;
      await tx.query(
        `INSERT INTO ready_upgrades VALUES ($1, $2, $3, false)
         ON CONFLICT (upgrade_id) DO UPDATE SET ready_event_id = $2, plan = $3, cancelled = false`,
        [upgradeId, e.eventId, e.payload],
      );
    })
    .on('UpgradeCancelled', async (e, tx) => {
      await tx.query('UPDATE ready_upgrades SET cancelled = true WHERE upgrade_id = $1', [
        (e.payload as { upgradeId: string }).upgradeId,
      ]);
    })
    .on('ChangeFreezeDeclared', async (e, tx) => {
      const p = e.payload as { freezeId: string; name: string; startsAt: string; endsAt: string; scope: unknown };
      await tx.query('INSERT INTO freezes VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        p.freezeId,
        p.name,
        p.startsAt,
        p.endsAt,
        p.scope,
      ]);
    });
}
