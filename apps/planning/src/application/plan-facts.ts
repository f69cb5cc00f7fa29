import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  assessTargets,
  walkDependencies,
  type CompatibilityRule,
  type DependencyEdge,
  type PeakPeriod,
} from '@upgrade-control/contracts';
import { EventStore } from '@upgrade-control/platform';
import type { AssetFact, ImpactFacts, WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';
import type { Finding, Plan, PlanEvent, PlanState } from '../domain/upgrade-plan.state.js';
import type { Interval } from '../domain/calendar.js';

interface AssetRow extends AssetFact {
  product: string;
  site: string;
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PeakPeriod[];
}

const ASSET = `asset_id AS "assetId", name, product, version, site, criticality, status, business_processes AS "businessProcesses",
  user_groups AS "userGroups", peak_periods AS "peakPeriods"`;

/**
 * Gathers what the planning decider needs from outside its stream — the inventory as planning has
 * projected it, the calendar, other plans — so the decider itself stays pure.
 */
@Injectable()
export class PlanFacts {
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
  ) {}

  async state(upgradeId: string): Promise<PlanState> {
    const history = await this.store.readStream(upgradeStreamId(upgradeId));
    return history
      .map((e) => ({ type: e.type, payload: e.payload }) as PlanEvent)
      .reduce(upgradePlanDecider.evolve, upgradePlanDecider.initialState());
  }

  async asset(assetId: string): Promise<AssetFact | null> {
    return (await this.assets([assetId]))[0] ?? null;
  }

  private assets(assetIds: string[]): Promise<AssetRow[]> {
    return this.db.query(`SELECT ${ASSET} FROM inventory_assets WHERE asset_id = ANY($1)`, [assetIds]);
  }

  private edges(assetIds: string[], direction: 'dependents' | 'dependencies'): Promise<DependencyEdge[]> {
    const column = direction === 'dependents' ? 'depends_on_asset_id' : 'asset_id';
    return this.db.query(
      `SELECT asset_id AS "assetId", depends_on_asset_id AS "dependsOnAssetId", relation FROM inventory_dependencies WHERE ${column} = ANY($1)`,
      [assetIds],
    );
  }

  /** Transitive dependents of every target, and the processes, user groups and peak periods they carry. */
  async impact(plan: Plan): Promise<ImpactFacts> {
    const targetIds = plan.targets.map((t) => t.assetId);
    const depth = new Map<string, number>();
    for (const target of targetIds) {
      for (const reached of await walkDependencies(target, 'dependents', (frontier) =>
        this.edges(frontier, 'dependents'),
      )) {
        if (!targetIds.includes(reached.assetId))
          depth.set(reached.assetId, Math.min(reached.depth, depth.get(reached.assetId) ?? Infinity));
      }
    }
    const targets = await this.assets(targetIds);
    const impacted = (await this.assets([...depth.keys()])).map((a) => ({ ...a, depth: depth.get(a.assetId)! }));
    const all = [...targets, ...impacted];
    return {
      targets,
      impacted: impacted.sort((a, b) => a.depth - b.depth || a.assetId.localeCompare(b.assetId)),
      businessProcesses: [...new Set(all.flatMap((a) => a.businessProcesses))].sort(),
      userGroups: [...new Set(all.flatMap((a) => a.userGroups))].sort(),
      peakPeriods: [...new Map(all.flatMap((a) => a.peakPeriods).map((p) => [JSON.stringify(p), p])).values()],
    };
  }

  /** The targets checked against planning's copy of the rules and the current versions around them. */
  async compatibility(plan: Plan): Promise<Finding[]> {
    const targets = plan.targets.map((t) => ({ assetId: t.assetId, toVersion: t.toVersion }));
    const ids = targets.map((t) => t.assetId);
    const edges = [...(await this.edges(ids, 'dependents')), ...(await this.edges(ids, 'dependencies'))];
    const rows = await this.assets([...new Set([...ids, ...edges.flatMap((e) => [e.assetId, e.dependsOnAssetId])])]);
    const rules: CompatibilityRule[] = await this.db.query(
      `SELECT rule_id AS "ruleId", product, version_range AS "versionRange", requires_product AS "requiresProduct", requires_range AS "requiresRange", source, reason
         FROM inventory_rules WHERE product = ANY($1) AND requires_product = ANY($1)`,
      [[...new Set(rows.map((r) => r.product))]],
    );
    return assessTargets({ targets, edges, assets: new Map(rows.map((r) => [r.assetId, r])), rules }).map((f) => ({
      ruleId: f.ruleId,
      status: f.status,
      assetId: f.asset.assetId,
      assetVersion: f.asset.version,
      otherAssetId: f.other.assetId,
      otherVersion: f.other.version,
      rule: f.rule,
      source: f.source,
    }));
  }

  /** Freezes over the interval whose scope covers the plan's targets or impacted assets (or their sites). */
  async freezes(plan: Plan, window: Interval): Promise<WindowConflictFacts['freezes']> {
    const assetIds = planAssets(plan);
    const sites = (await this.assets(assetIds)).map((a) => a.site);
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
