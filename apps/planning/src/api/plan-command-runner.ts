import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '@upgrade-control/contracts';
import { notFoundException, orThrow } from '@upgrade-control/platform';
import { ExecutePlanCommand } from '../application/planning.commands.js';
import { PlanFacts } from '../application/plan-facts.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';

export interface Requester {
  actor: Actor;
  traceparent: string | null;
  expectedVersion?: number;
}

/** The controllers' shared path: load the plan for facts, dispatch, answer with the new version. */
@Injectable()
export class PlanCommandRunner {
  constructor(
    private readonly commands: CommandBus,
    readonly facts: PlanFacts,
  ) {}

  async plan(upgradeId: string): Promise<{ status: PlanStatus; plan: Plan }> {
    const state = await this.facts.state(upgradeId);
    if (state.status === 'None') throw notFoundException(`upgrade ${upgradeId} not found`);
    return state;
  }

  async run(upgradeId: string, command: PlanCommand, requester: Requester) {
    const result = orThrow(await this.commands.execute(new ExecutePlanCommand(upgradeId, command, requester)));
    return { upgradeId, streamVersion: result.streamVersion };
  }
}
