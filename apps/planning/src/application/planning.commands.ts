import { Command } from '@nestjs/cqrs';
import type { Caller, CommandResult } from '@upgrade-control/platform';
import type { DeclareFreeze } from '../domain/change-calendar.decider.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';

/** Any command on one upgrade plan's stream. */
export class ExecutePlanCommand extends Command<CommandResult> {
  constructor(
    readonly upgradeId: string,
    readonly command: PlanCommand,
    readonly caller: Caller,
    readonly causationId: string | null = null,
  ) {
    super();
  }
}

export class DeclareChangeFreeze extends Command<CommandResult> {
  constructor(
    readonly freeze: DeclareFreeze,
    readonly caller: Caller,
  ) {
    super();
  }
}
