import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appendContext, EventStore, handleCommand, type CommandResult } from '@upgrade-control/platform';
import { executionDecider, executionStreamId } from '../domain/execution.decider.js';
import { ExecuteExecutionCommand } from './execution.commands.js';

@CommandHandler(ExecuteExecutionCommand)
export class ExecuteExecutionCommandHandler implements ICommandHandler<ExecuteExecutionCommand> {
  constructor(private readonly store: EventStore) {}

  execute({ upgradeId, command, caller, causationId }: ExecuteExecutionCommand): Promise<CommandResult> {
    // The moment inside the command is the single source of "now" for the whole decision.
    const now = 'moment' in command ? command.moment.now : 'now' in command ? command.now : new Date();
    return handleCommand(
      this.store,
      executionDecider,
      executionStreamId(upgradeId),
      command,
      appendContext(caller, upgradeId, now, causationId),
      {
        expectedVersion: caller.expectedVersion,
      },
    );
  }
}
