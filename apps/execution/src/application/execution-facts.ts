import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InventoryView } from '@upgrade-control/inventory-view';
import { CLOCK, Database, EventStore } from '@upgrade-control/platform';
import { fold, type Clock } from '@upgrade-control/platform/domain';
import type { Moment } from '../domain/execution.commands.js';
import { executionDecider, executionStreamId } from '../domain/execution.decider.js';
import type { ExecutionState, ReadyPlan } from '../domain/execution.state.js';

/** What execution's decisions need from outside its stream: the ready plan, the calendar, the inventory, the time. */
@Injectable()
export class ExecutionFacts {
  private readonly inventory: InventoryView;

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.inventory = new InventoryView(new Database(db));
  }

  async state(upgradeId: string): Promise<ExecutionState> {
    const history = await this.store.readStream(executionStreamId(upgradeId));
    return fold(executionDecider, history);
  }

  async readiness(upgradeId: string): Promise<{ plan: ReadyPlan; readyEventId: string; cancelled: boolean } | null> {
    const [row] = await this.db.query(
      'SELECT plan, ready_event_id AS "readyEventId", cancelled FROM ready_upgrades WHERE upgrade_id = $1',
      [upgradeId],
    );
    return row ?? null;
  }

  findings(plan: ReadyPlan) {
    return this.inventory.compatibility(plan.targets);
  }

  /** Now, and the freezes in force now over the plan's targets (by asset or by site). */
  async moment(plan: ReadyPlan | null): Promise<Moment> {
    const now = this.clock();
    if (!plan) return { now, activeFreezes: [] };
    const assetIds = plan.targets.map((t) => t.assetId);
    const sites = (await this.inventory.assets(assetIds)).map((a) => a.site);
    const activeFreezes = await this.db.query(
      `SELECT freeze_id AS "freezeId", name FROM freezes
        WHERE starts_at <= $1 AND ends_at > $1 AND ((scope->>'all')::boolean OR scope->'assetIds' ?| $2 OR scope->'sites' ?| $3)`,
      [now.toISOString(), assetIds, sites],
    );
    return { now, activeFreezes };
  }
}
