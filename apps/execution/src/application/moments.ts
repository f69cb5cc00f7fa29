import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Transaction } from '@upgrade-control/platform';
import type { Clock } from '@upgrade-control/platform/domain';
import type { Moment } from '../domain/execution.commands.js';
import type { ReadyPlan } from '../domain/execution.state.js';
import { ExecutionFacts } from './execution-facts.js';

/**
 * Now, read once from the injected clock, and the freezes in force then. Whoever decides on a
 * moment passes `moment.now` as the decision's `at`, so the decision and its events record one instant.
 */
@Injectable()
export class Moments {
  constructor(
    private readonly facts: ExecutionFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The moment for the plan an upgrade was made ready with; no freezes apply when there is none. */
  async ofUpgrade(upgradeId: string, tx?: Transaction): Promise<Moment> {
    return this.ofPlan((await this.facts.readiness(upgradeId, tx))?.plan ?? null, tx);
  }

  async ofPlan(plan: ReadyPlan | null, tx?: Transaction): Promise<Moment> {
    const now = this.clock();
    if (!plan) return { now, activeFreezes: [] };
    return { now, activeFreezes: await this.facts.activeFreezes(plan, now, tx) };
  }
}
