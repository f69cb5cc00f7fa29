import { Command } from '@nestjs/cqrs';
import type { Caller, CommandResult } from '@upgrade-control/platform';
import type { MonitoringCommand } from '../domain/monitoring.decider.js';

/** Any command on one upgrade's monitoring stream. */
export class ExecuteMonitoringCommand extends Command<CommandResult> {
  constructor(
    readonly upgradeId: string,
    readonly command: MonitoringCommand,
    readonly caller: Caller,
  ) {
    super();
  }
}
