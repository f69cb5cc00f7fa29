import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InventoryView } from '@upgrade-control/inventory-view';
import { Database, EventStore } from '@upgrade-control/platform';
import { fold } from '@upgrade-control/platform/domain';
import type { AssetFact, ImpactFacts, WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import type { Finding, Plan, PlanState } from '../domain/upgrade-plan.state.js';
import type { Interval } from '../domain/calendar.js';

/**
 * Gathers what the planning decider needs from outside its stream — the inventory as planning has
 * projected it, the calendar, other plans — so the decider itself stays pure.
 */
@Injectable()
export class PlanFacts {
  private readonly inventory: InventoryView;

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
  ) {
    this.inventory = new InventoryView(new Database(db));
  }

  async state(upgradeId: string): Promise<PlanState> {
    const history = await this.store.readStream(upgradeStreamId(upgradeId));
    return fold(upgradePlanDecider, history);
  }

  async asset(assetId: string): Promise<AssetFact | null> {
    return this.inventory.asset(assetId);
  }

  /** Transitive dependents of every target, and the processes, user groups and peak periods they carry. */
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

  compatibility(plan: Plan): Promise<Finding[]> {
    return this.inventory.compatibility(plan.targets);
  }

  /** Freezes over the interval whose scope covers the plan's targets or impacted assets (or their sites). */
  async freezes(plan: Plan, window: Interval): Promise<WindowConflictFacts['freezes']> {
    const assetIds = planAssets(plan);
    const sites = (await this.inventory.assets(assetIds)).map((a) => a.site);
    return this.db.query(
      `SELECT freeze_id AS "freezeId", name, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt",
              to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endsAt"
         FROM calendar
        WHERE starts_at < $2 AND ends_at > $1
          AND ((scope->>'all')::boolean OR scope->'assetIds' ?| $3 OR scope->'sites' ?| $4)
        ORDER BY starts_at`,
      [window.startsAt, window.endsAt, assetIds, sites],
    );
  }

  /** Other scheduled upgrades over the interval that touch the same or dependent assets. */
  async otherUpgrades(plan: Plan, window: Interval): Promise<WindowConflictFacts['otherUpgrades']> {
    const rows: { upgradeId: string; title: string; startsAt: Date; endsAt: Date; sharedAssets: string[] }[] =
      await this.db.query(
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

const planAssets = (plan: Plan) => [
  ...new Set([...plan.targets.map((t) => t.assetId), ...(plan.impact?.impactedAssets.map((a) => a.assetId) ?? [])]),
];
