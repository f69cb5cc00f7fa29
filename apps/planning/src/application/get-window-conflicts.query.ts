import { Query } from '@nestjs/cqrs';
import type { Interval } from '../domain/calendar.js';
import type { WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import { planQueryHandler } from './plan-query.js';

/** Freezes and other upgrades a proposed window would clash with; null when there is no such plan. */
export class GetWindowConflicts extends Query<WindowConflictFacts | null> {
  constructor(
    readonly upgradeId: string,
    readonly window: Interval,
  ) {
    super();
  }
}

export const GetWindowConflictsHandler = planQueryHandler(GetWindowConflicts, async ({ plan, facts }, { window }) => ({
  freezes: await facts.freezes(plan, window),
  otherUpgrades: await facts.otherUpgrades(plan, window),
}));
