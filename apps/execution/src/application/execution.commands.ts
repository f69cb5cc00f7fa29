import { Command } from '@nestjs/cqrs';
import type { Caller, CommandResult } from '@upgrade-control/platform';
import type { ExecutionCommand } from '../domain/execution.commands.js';

/** Any command on one upgrade's execution stream. */
export class ExecuteExecutionCommand extends Command<CommandResult> {
  constructor(
    readonly upgradeId: string,
    readonly command: ExecutionCommand,
    readonly caller: Caller,
    readonly causationId: string | null = null,
  ) {
    super();
  }
}
