import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Interval } from '../domain/calendar.js';
import type { WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import { PlanFacts } from './plan-facts.js';
import { PlanReadModel } from './plan-read-model.js';

/** Freezes and other upgrades a proposed window would clash with; null when there is no such plan. */
export class GetWindowConflicts extends Query<WindowConflictFacts | null> {
  constructor(
    readonly upgradeId: string,
    readonly window: Interval,
  ) {
    super();
  }
}

@QueryHandler(GetWindowConflicts)
export class GetWindowConflictsHandler implements IQueryHandler<GetWindowConflicts> {
  constructor(
    private readonly plans: PlanReadModel,
    private readonly facts: PlanFacts,
  ) {}

  async execute({ upgradeId, window }: GetWindowConflicts): Promise<WindowConflictFacts | null> {
    const current = await this.plans.plan(upgradeId);
    if (!current) return null;
    return {
      freezes: await this.facts.freezes(current.plan, window),
      otherUpgrades: await this.facts.otherUpgrades(current.plan, window),
    };
  }
}
