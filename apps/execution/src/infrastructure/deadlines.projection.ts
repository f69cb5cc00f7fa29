import type { StatementProjection } from '@upgrade-control/platform';

/**
 * The watchdog's worklist, kept from execution's own events with every append: it survives
 * restarts because it is data, not timers. Each row remembers the execution stream's version
 * that last set it, so an event applied again (a replay, a rebuild) changes nothing (ADR 10).
 */
export const projectDeadlines: StatementProjection = (e) => {
  const p = e.payload as Record<string, unknown> & { upgradeId: string };
  const set = (kind: string, dueAt: string) => ({
    sql: `INSERT INTO deadlines (upgrade_id, kind, due_at, active, stream_version) VALUES ($1, $2, $3, true, $4)
          ON CONFLICT (upgrade_id, kind) DO UPDATE SET due_at = $3, active = true, stream_version = $4
          WHERE deadlines.stream_version < $4`,
    parameters: [p.upgradeId, kind, dueAt, e.streamVersion],
  });
  const clear = (...kinds: string[]) => ({
    sql: 'UPDATE deadlines SET active = false, stream_version = $3 WHERE upgrade_id = $1 AND kind = ANY($2) AND stream_version < $3',
    parameters: [p.upgradeId, kinds, e.streamVersion],
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
    // A rollout's deadline is the running wave's; an accepted wave waits for its promotion (ADR 37).
    case 'RolloutStarted':
      return [set('rollback-decision', p.rollbackDecisionDeadline as string)];
    case 'WaveAccepted':
      return [
        clear('rollback-decision'),
        ...(p.promotion === 'automatic' ? [set('promotion', p.bakeUntil as string)] : []),
      ];
    case 'WavePromoted':
      return [clear('promotion'), set('rollback-decision', p.rollbackDecisionDeadline as string)];
    case 'RollbackTriggered':
    case 'ForwardFixDeclared':
      return [clear('rollback-decision', 'confirm-timeout', 'promotion')];
    default:
      return [];
  }
};
