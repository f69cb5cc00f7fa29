import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, LOGGER, type Logger } from '@upgrade-control/platform';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
    private readonly facts: ExecutionFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WATCHDOG_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = null));
    }, this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
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
    } catch (error) {
      this.logger.error({ err: error }, 'deadline watchdog tick failed; retrying at the next tick');
    }
  }
}
