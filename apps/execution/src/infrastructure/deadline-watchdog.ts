import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, LOGGER, PeriodicTask, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { ExecuteExecutionCommand } from '../application/execution.commands.js';
import { ExecutionFacts } from '../application/execution-facts.js';

export const WATCHDOG_INTERVAL_MS = Symbol('WatchdogIntervalMs');

/**
 * Fires the rollback-decision deadline and confirm timeouts. Its worklist is the deadlines table,
 * so it survives restarts; with several replicas each may look, but the event store's optimistic
 * concurrency lets exactly one append, and the decider then sees the rollback already under way.
 */
@Injectable()
export class DeadlineWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
    private readonly facts: ExecutionFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(WATCHDOG_INTERVAL_MS) intervalMs: number,
  ) {
    this.task = new PeriodicTask('deadline watchdog', intervalMs, () => this.tick(), logger);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    const due: { upgradeId: string }[] = await this.db.query(
      'SELECT DISTINCT upgrade_id AS "upgradeId" FROM deadlines WHERE active AND due_at <= $1',
      [this.clock().toISOString()],
    );
    for (const { upgradeId } of due) {
      const readiness = await this.facts.readiness(upgradeId);
      const moment = await this.facts.moment(readiness?.plan ?? null);
      const result = await this.commands.execute(
        new ExecuteExecutionCommand(
          upgradeId,
          { type: 'WatchDeadlines', moment },
          { actor: systemActor('execution'), traceparent: null },
        ),
      );
      // Nothing left to fire for this upgrade at this time: retire its due deadlines.
      if (result.ok && result.events.length === 0) {
        await this.db.query('UPDATE deadlines SET active = false WHERE upgrade_id = $1 AND due_at <= $2', [
          upgradeId,
          moment.now.toISOString(),
        ]);
      }
    }
  }
}
