import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemActor } from '@upgrade-control/contracts';
import { CLOCK, Database, Decide, LOGGER, PeriodicService, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { Moments } from '../application/moments.js';
import { executionStream } from '../application/streams.js';

export const WATCHDOG_INTERVAL_MS = Symbol('WatchdogIntervalMs');

/**
 * Fires the rollback-decision deadline, confirm timeouts and automatic wave promotions. Its worklist is the deadlines table,
 * so it survives restarts; with several replicas each may look, but the event store's optimistic
 * concurrency lets exactly one append, and the decider then sees the rollback already under way.
 */
@Injectable()
export class DeadlineWatchdog extends PeriodicService {
  constructor(
    private readonly db: Database,
    private readonly commands: CommandBus,
    private readonly moments: Moments,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) logger: Logger,
    @Inject(WATCHDOG_INTERVAL_MS) intervalMs: number,
  ) {
    super('deadline watchdog', intervalMs, logger);
  }

  protected async tick(): Promise<void> {
    const due = await this.db.query<{ upgradeId: string }>(
      'SELECT DISTINCT upgrade_id AS "upgradeId" FROM deadlines WHERE active AND due_at <= $1',
      [this.clock().toISOString()],
    );
    const caller = { actor: systemActor('execution'), traceparent: null };
    for (const { upgradeId } of due) {
      const moment = await this.moments.ofUpgrade(upgradeId);
      const result = await this.commands.execute(
        Decide.by(caller, executionStream, upgradeId, { type: 'WatchDeadlines', moment }, { at: moment.now }),
      );
      // Nothing left to fire for this upgrade at this time: retire its due deadlines. A due
      // automatic promotion stays: a freeze or the next wave's closed window only delays it.
      if (result.ok && result.events.length === 0) {
        await this.db.query(
          "UPDATE deadlines SET active = false WHERE upgrade_id = $1 AND due_at <= $2 AND kind <> 'promotion'",
          [upgradeId, moment.now.toISOString()],
        );
      }
    }
  }
}
