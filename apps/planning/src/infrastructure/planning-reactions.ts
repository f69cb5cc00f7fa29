import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { CLOCK, EventConsumer, EventStore, LOGGER, react, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';

/** How the plan follows what execution and monitoring report. */
const FOLLOW: Record<string, (e: EventEnvelope) => PlanCommand> = {
  ExecutionStarted: (e) => ({ type: 'FollowExecution', status: 'InExecution', causedByEventId: e.eventId }),
  AcceptancePassed: (e) => ({ type: 'FollowExecution', status: 'Monitoring', causedByEventId: e.eventId }),
  RollbackCompleted: (e) => ({ type: 'FollowExecution', status: 'RolledBack', causedByEventId: e.eventId }),
  ForwardFixDeclared: (e) => ({ type: 'FollowExecution', status: 'Failed', causedByEventId: e.eventId }),
  StabilityConfirmed: (e) => ({ type: 'CloseUpgrade', causedByEventId: e.eventId }),
};

@Injectable()
export class PlanningReactions implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    for (const [type, toCommand] of Object.entries(FOLLOW))
      this.consumer.on(type, (e, tx) =>
        type === 'StabilityConfirmed' ? this.close(e, tx) : this.follow(e, toCommand(e), tx),
      );
  }

  /**
   * Order holds only within a stream (ADR 10): monitoring's StabilityConfirmed can reach planning
   * before execution's AcceptancePassed that led to it. Stability confirmed means monitoring ran,
   * so a plan still in execution first follows to Monitoring, then closes.
   */
  private async close(cause: EventEnvelope, tx: EntityManager): Promise<void> {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    const [plan] = (await tx.query('SELECT status FROM plans WHERE upgrade_id = $1', [upgradeId])) as {
      status: string;
    }[];
    if (plan?.status === 'InExecution')
      await this.follow(cause, { type: 'FollowExecution', status: 'Monitoring', causedByEventId: cause.eventId }, tx);
    await this.follow(cause, FOLLOW.StabilityConfirmed!(cause), tx);
  }

  private async follow(cause: EventEnvelope, command: PlanCommand, tx: EntityManager): Promise<void> {
    const upgradeId = (cause.payload as { upgradeId: string }).upgradeId;
    await react(this.store, upgradePlanDecider, upgradeStreamId(upgradeId), command, {
      service: 'planning',
      cause,
      tx,
      now: this.clock(),
      logger: this.logger,
    });
  }
}
