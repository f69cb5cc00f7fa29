import { Inject, Injectable } from '@nestjs/common';
import type { CapturedBaseline } from '@upgrade-control/contracts';
import { InventoryView, latestBaselines } from '@upgrade-control/inventory-view';
import { Database } from '@upgrade-control/platform';
import { COMPATIBILITY_DEPTH } from '../application/compatibility-depth.js';
import { PlanFacts } from '../application/plan-facts.js';
import type { Interval } from '../domain/calendar.js';
import type { AssetFact, ImpactFacts, WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import type { Finding, Plan } from '../domain/upgrade-plan.state.js';
import type { WaveInventory } from '../domain/waves.js';
import { planAssets } from './plan-assets.js';

type FreezeRow = WindowConflictFacts['freezes'][number];
type OtherUpgradeRow = Omit<WindowConflictFacts['otherUpgrades'][number], 'startsAt' | 'endsAt'> & {
  startsAt: Date;
  endsAt: Date;
};

/** Planning's facts from its read models: the inventory view, the calendar and the other plans. */
@Injectable()
export class SqlPlanFacts extends PlanFacts {
  private readonly inventory: InventoryView;

  constructor(
    private readonly db: Database,
    @Inject(COMPATIBILITY_DEPTH) private readonly depth: number,
  ) {
    super();
    this.inventory = new InventoryView(db);
  }

  asset(assetId: string): Promise<AssetFact | null> {
    return this.inventory.asset(assetId);
  }

  async impact(plan: Plan): Promise<ImpactFacts> {
    const targetIds = plan.targets.map((t) => t.assetId);
    const [targets, impacted] = await Promise.all([
      this.inventory.assets(targetIds),
      this.inventory.dependentsOf(targetIds),
    ]);
    const all = [...targets, ...impacted];
    return {
      targets,
      impacted,
      businessProcesses: [...new Set(all.flatMap((a) => a.businessProcesses))].sort(),
      userGroups: [...new Set(all.flatMap((a) => a.userGroups))].sort(),
      peakPeriods: [...new Map(all.flatMap((a) => a.peakPeriods).map((p) => [JSON.stringify(p), p])).values()],
    };
  }

  baselines(upgradeId: string): Promise<CapturedBaseline[]> {
    return latestBaselines(this.db, upgradeId);
  }

  async waveInventory(plan: Plan): Promise<WaveInventory> {
    const locations = await this.inventory.locations(plan.targets.map((t) => t.assetId));
    const rules = await this.inventory.rulesAbout([...new Set(locations.map((l) => l.product))]);
    return { locations, rules };
  }

  compatibility(plan: Plan): Promise<Finding[]> {
    return this.inventory.compatibility(plan.targets, this.depth);
  }

  async freezes(plan: Plan, window: Interval): Promise<WindowConflictFacts['freezes']> {
    const assetIds = planAssets(plan);
    const sites = (await this.inventory.assets(assetIds)).map((a) => a.site);
    return this.db.query<FreezeRow>(
      `SELECT freeze_id AS "freezeId", name, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt",
              to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endsAt"
         FROM calendar
        WHERE starts_at < $2 AND ends_at > $1
          AND ((scope->>'all')::boolean OR scope->'assetIds' ?| $3 OR scope->'sites' ?| $4)
        ORDER BY starts_at`,
      [window.startsAt, window.endsAt, assetIds, sites],
    );
  }

  async otherUpgrades(plan: Plan, window: Interval): Promise<WindowConflictFacts['otherUpgrades']> {
    const rows = await this.db.query<OtherUpgradeRow>(
      `SELECT upgrade_id AS "upgradeId", title, window_starts AS "startsAt", window_ends AS "endsAt",
              ARRAY(SELECT unnest(asset_ids) INTERSECT SELECT unnest($4::text[])) AS "sharedAssets"
         FROM plans
        WHERE upgrade_id <> $1 AND status IN ('Scheduled', 'ReadyForExecution', 'InExecution')
          AND window_starts < $3 AND window_ends > $2 AND asset_ids && $4`,
      [plan.upgradeId, window.startsAt, window.endsAt, planAssets(plan)],
    );
    return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
  }
}
