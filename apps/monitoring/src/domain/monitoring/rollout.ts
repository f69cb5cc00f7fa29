import { accept, assertNever, type Decision } from '@upgrade-control/platform/domain';
import { monitoringStarted, type Command, type MonitoringEvent, type MonitoringState } from './model.js';

/**
 * A staged rollout is watched from its first accepted wave to the end (issue 18): execution
 * relies on monitoring's findings while each wave bakes. The first accepted wave opens the period
 * over its own targets; each later one adds its targets (a wave's targets run the old version
 * until it is applied: judging them earlier would measure the old release and find their silence)
 * and makes the period end no earlier than `minutes` after it. This is a reaction: it never
 * refuses, and a period that is over (stable, rolled back, compiled) is not reopened.
 */
export function watchRollout(command: Command<'WatchRollout'>, state: MonitoringState): Decision<MonitoringEvent> {
  switch (state.status) {
    case 'New':
    case 'Preparing':
      return accept(monitoringStarted(command));
    case 'Monitoring': {
      const { upgradeId } = state.watch;
      const added = command.assetIds.filter((a) => !state.watch.assetIds.includes(a));
      const widened: MonitoringEvent[] = added.length
        ? [{ type: 'MonitoringWidened', payload: { upgradeId, assetIds: added, step: command.step } }]
        : [];
      const until = command.now.getTime() + command.minutes * 60_000;
      const endsAt = state.watch.endsAt === null ? null : Date.parse(state.watch.endsAt);
      if (endsAt !== null && endsAt >= until) return accept(...widened);
      const newEndsAt = new Date(until).toISOString();
      const watched = `${command.step}: watched ${command.minutes} minutes from ${command.now.toISOString()}`;
      return accept(...widened, {
        type: 'MonitoringExtended',
        payload: { upgradeId, newEndsAt, openItems: [watched] },
      });
    }
    case 'Stable':
    case 'RolledBack':
    case 'Compiled':
      return accept();
    default:
      return assertNever(state);
  }
}
