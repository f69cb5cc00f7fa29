import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';

/**
 * The watchdog's worklist, kept from execution's own events in the append's transaction: it
 * survives restarts because it is data, not timers.
 */
export async function projectDeadlines(events: EventEnvelope[], tx: EntityManager): Promise<void> {
  for (const e of events) {
    const p = e.payload as Record<string, unknown> & { upgradeId: string };
    const set = (kind: string, dueAt: string) =>
      tx.query(
        'INSERT INTO deadlines VALUES ($1, $2, $3, true) ON CONFLICT (upgrade_id, kind) DO UPDATE SET due_at = $3, active = true',
        [p.upgradeId, kind, dueAt],
      );
    const clear = (...kinds: string[]) =>
      tx.query('UPDATE deadlines SET active = false WHERE upgrade_id = $1 AND kind = ANY($2)', [p.upgradeId, kinds]);
    switch (e.type) {
      case 'ExecutionStarted':
        await set(
          'rollback-decision',
          (p.plan as { window: { rollbackDecisionDeadline: string } }).window.rollbackDecisionDeadline,
        );
        break;
      case 'RollbackDecisionRequested':
        await set('confirm-timeout', p.decideBy as string);
        break;
      case 'RollbackDeclined':
        await clear('confirm-timeout');
        break;
      case 'AcceptancePassed':
        await clear('rollback-decision');
        break;
      case 'RollbackTriggered':
      case 'ForwardFixDeclared':
        await clear('rollback-decision', 'confirm-timeout');
        break;
    }
  }
}
