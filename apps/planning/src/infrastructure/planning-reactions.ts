import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { CLOCK, EventConsumer, EventStore, LOGGER, react, type Logger } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import { InventoryView } from '@upgrade-control/inventory-view';

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
    InventoryView.subscribe(this.consumer);
    for (const [type, toCommand] of Object.entries(FOLLOW))
      this.consumer.on(type, (e, tx) => this.follow(e, toCommand(e), tx));
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
