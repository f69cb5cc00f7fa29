import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { MonitoringStatus, Watch } from '../domain/monitoring.decider.js';
import { MonitoringFacts } from './monitoring-facts.js';

export type MonitoringView = { status: MonitoringStatus; streamVersion: number } & Watch;

/** The monitoring of an upgrade (baselines, period, open regressions and incidents), or null when there is none. */
export class GetMonitoring extends Query<MonitoringView | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

export const GetMonitoringHandler = queryHandlerFor(GetMonitoring, MonitoringFacts, async (facts, { upgradeId }) => {
  const { state, streamVersion } = await facts.versionedState(upgradeId);
  return state.status === 'New' ? null : { status: state.status, ...state.watch, streamVersion };
});
