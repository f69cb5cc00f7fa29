import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appendContext, CLOCK, EventStore, handleCommand, type CommandResult } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { changeCalendarDecider, freezeStreamId } from '../domain/change-calendar.decider.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import { DeclareChangeFreeze, ExecutePlanCommand } from './planning.commands.js';

@CommandHandler(ExecutePlanCommand)
export class ExecutePlanCommandHandler implements ICommandHandler<ExecutePlanCommand> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ upgradeId, command, caller, causationId }: ExecutePlanCommand): Promise<CommandResult> {
    const context = appendContext(caller, upgradeId, this.clock(), causationId);
    return handleCommand(this.store, upgradePlanDecider, upgradeStreamId(upgradeId), command, context, {
      expectedVersion: caller.expectedVersion,
    });
  }
}

@CommandHandler(DeclareChangeFreeze)
export class DeclareChangeFreezeHandler implements ICommandHandler<DeclareChangeFreeze> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ freeze, caller }: DeclareChangeFreeze): Promise<CommandResult> {
    const streamId = freezeStreamId(freeze.freezeId);
    return handleCommand(
      this.store,
      changeCalendarDecider,
      streamId,
      freeze,
      appendContext(caller, streamId, this.clock()),
    );
  }
}
