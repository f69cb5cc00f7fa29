import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, LOGGER, PeriodicTask, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { ExecuteMonitoringCommand } from '../application/monitoring.commands.js';
import { MonitoringFacts } from '../application/monitoring-facts.js';

export const DETECTOR_INTERVAL_MS = Symbol('DetectorIntervalMs');
export const EXTENSION_MINUTES = Symbol('ExtensionMinutes');

/**
 * Compares each open monitoring period's live window with its baseline. State lives in the event
 * store (open episodes, period end), so it survives restarts; replicas may both evaluate, but
 * optimistic concurrency lets one append and the other then finds nothing new to say.
 */
@Injectable()
export class RegressionDetector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
    private readonly facts: MonitoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(DETECTOR_INTERVAL_MS) intervalMs: number,
    @Inject(EXTENSION_MINUTES) private readonly extensionMinutes: number,
  ) {
    this.task = new PeriodicTask('regression detector', intervalMs, () => this.tick(), logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    const periods: { upgradeId: string }[] = await this.db.query(
      'SELECT upgrade_id AS "upgradeId" FROM monitoring_periods WHERE active',
    );
    for (const { upgradeId } of periods) {
      const [state, plan] = await Promise.all([this.facts.state(upgradeId), this.facts.plan(upgradeId)]);
      if (state.status !== 'Monitoring' || !plan) continue;
      const now = this.clock();
      const observations = await this.facts.observations(plan, state.watch, now);
      const command = {
        type: 'EvaluateMonitoring' as const,
        now,
        observations,
        extensionMinutes: this.extensionMinutes,
      };
      await this.commands.execute(
        new ExecuteMonitoringCommand(upgradeId, command, { actor: systemActor('monitoring'), traceparent: null }),
      );
    }
  }
}
