import { Inject, Injectable } from '@nestjs/common';
import type { WindowEstimates } from '@upgrade-control/contracts';
import { InventoryView, latestBaselines } from '@upgrade-control/inventory-view';
import { Database, EventStore, type Transaction } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import { COMPATIBILITY_DEPTH } from '../application/compatibility-depth.js';
import {
  ExecutionFacts,
  type ActiveFreeze,
  type CompatibilityFinding,
  type Readiness,
} from '../application/execution-facts.js';
import { executionDecider, executionStreamId } from '../domain/execution.decider.js';
import type { ImpactedFreeze, StartEvidence } from '../domain/execution.commands.js';
import type { ExecutionState, ReadyPlan } from '../domain/execution.state.js';

/** Execution's facts from its event store and read models (ready_upgrades, freezes, the inventory view). */
@Injectable()
export class SqlExecutionFacts extends ExecutionFacts {
  private readonly inventory: InventoryView;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    @Inject(COMPATIBILITY_DEPTH) private readonly depth: number,
  ) {
    super();
    this.inventory = new InventoryView(db);
  }

  async versionedState(upgradeId: string): Promise<{ state: ExecutionState; streamVersion: number }> {
    const history = await this.store.readStream(executionStreamId(upgradeId));
    return { state: fold(executionDecider, history), streamVersion: history.length };
  }

  readiness(upgradeId: string, tx?: Transaction): Promise<Readiness | null> {
    // An empty list of waves (WavesDefined removing them) is a plan without waves.
    return this.db.one<Readiness>(
      `SELECT r.plan, r.ready_event_id AS "readyEventId", r.cancelled,
              CASE WHEN jsonb_array_length(w.waves) > 0
                   THEN jsonb_build_object('waves', w.waves, 'onRegression', w.on_regression) END AS rollout
         FROM ready_upgrades r LEFT JOIN planned_rollouts w USING (upgrade_id) WHERE r.upgrade_id = $1`,
      [upgradeId],
      tx,
    );
  }

  async startEvidence(upgradeId: string): Promise<StartEvidence> {
    const [row, baselines] = await Promise.all([
      this.db.one<{ estimates: WindowEstimates }>('SELECT estimates FROM window_estimates WHERE upgrade_id = $1', [
        upgradeId,
      ]),
      latestBaselines(this.db, upgradeId),
    ]);
    return { estimates: row?.estimates ?? null, baselines };
  }

  findings(plan: ReadyPlan): Promise<CompatibilityFinding[]> {
    return this.inventory.compatibility(plan.targets, this.depth);
  }

  async impactedFreezes(plan: ReadyPlan, at: Date): Promise<ImpactedFreeze[]> {
    const targetIds = plan.targets.map((t) => t.assetId);
    // The impacted assets: what depends on a target, transitively, as planning's impact assessment walks it.
    const impacted = (await this.inventory.dependentsOf(targetIds)).map((a) => a.assetId);
    if (impacted.length === 0) return [];
    return this.db.query<ImpactedFreeze>(
      `SELECT f.freeze_id AS "freezeId", f.name, a.asset_id AS "assetId"
         FROM freezes f JOIN inventory_assets a ON a.asset_id = ANY($2)
        WHERE f.starts_at <= $1 AND f.ends_at > $1
          AND ((f.scope->>'all')::boolean OR f.scope->'assetIds' ? a.asset_id OR f.scope->'sites' ? a.site)
        ORDER BY f.freeze_id, a.asset_id`,
      [at.toISOString(), impacted],
    );
  }

  async activeFreezes(plan: ReadyPlan, at: Date, tx?: Transaction): Promise<ActiveFreeze[]> {
    const assetIds = plan.targets.map((t) => t.assetId);
    const sites = (await this.inventory.assets(assetIds, tx)).map((a) => a.site);
    return this.db.query<ActiveFreeze>(
      `SELECT freeze_id AS "freezeId", name FROM freezes
        WHERE starts_at <= $1 AND ends_at > $1 AND ((scope->>'all')::boolean OR scope->'assetIds' ?| $2 OR scope->'sites' ?| $3)`,
      [at.toISOString(), assetIds, sites],
      tx,
    );
  }
}
