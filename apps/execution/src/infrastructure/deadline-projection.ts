import type { StatementProjection } from '@upgrade-control/platform';

/**
 * The watchdog's worklist, kept from execution's own events with every append: it survives
 * restarts because it is data, not timers.
 */
export const projectDeadlines: StatementProjection = (e) => {
  const p = e.payload as Record<string, unknown> & { upgradeId: string };
  const set = (kind: string, dueAt: string) => ({
    sql: 'INSERT INTO deadlines VALUES ($1, $2, $3, true) ON CONFLICT (upgrade_id, kind) DO UPDATE SET due_at = $3, active = true',
    parameters: [p.upgradeId, kind, dueAt],
  });
  const clear = (...kinds: string[]) => ({
    sql: 'UPDATE deadlines SET active = false WHERE upgrade_id = $1 AND kind = ANY($2)',
    parameters: [p.upgradeId, kinds],
  });
  switch (e.type) {
    case 'ExecutionStarted':
      return [
        set(
          'rollback-decision',
          (p.plan as { window: { rollbackDecisionDeadline: string } }).window.rollbackDecisionDeadline,
        ),
      ];
    case 'RollbackDecisionRequested':
      return [set('confirm-timeout', p.decideBy as string)];
    case 'RollbackDeclined':
      return [clear('confirm-timeout')];
    case 'AcceptancePassed':
      return [clear('rollback-decision')];
    case 'RollbackTriggered':
    case 'ForwardFixDeclared':
      return [clear('rollback-decision', 'confirm-timeout')];
    default:
      return [];
  }
};
