import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appendContext, CLOCK, EventStore, handleCommand, type CommandResult } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import { monitoringDecider, monitoringStreamId } from '../domain/monitoring.decider.js';
import { ExecuteMonitoringCommand } from './monitoring.commands.js';

@CommandHandler(ExecuteMonitoringCommand)
export class ExecuteMonitoringCommandHandler implements ICommandHandler<ExecuteMonitoringCommand> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ upgradeId, command, caller }: ExecuteMonitoringCommand): Promise<CommandResult> {
    const now = 'now' in command ? command.now : this.clock();
    return handleCommand(
      this.store,
      monitoringDecider,
      monitoringStreamId(upgradeId),
      command,
      appendContext(caller, upgradeId, now),
    );
  }
}
