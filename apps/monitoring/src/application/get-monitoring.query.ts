import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MonitoringStatus, Watch } from '../domain/monitoring.decider.js';
import { MonitoringFacts } from './monitoring-facts.js';

export type MonitoringView = { status: MonitoringStatus } & Watch;

/** The monitoring of an upgrade (baselines, period, open regressions and incidents), or null when there is none. */
export class GetMonitoring extends Query<MonitoringView | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

@QueryHandler(GetMonitoring)
export class GetMonitoringHandler implements IQueryHandler<GetMonitoring> {
  constructor(private readonly facts: MonitoringFacts) {}

  async execute({ upgradeId }: GetMonitoring): Promise<MonitoringView | null> {
    const state = await this.facts.state(upgradeId);
    return state.status === 'New' ? null : { status: state.status, ...state.watch };
  }
}
