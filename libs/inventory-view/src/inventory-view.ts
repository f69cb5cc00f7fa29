import type { Database, Transaction } from '@upgrade-control/platform';
import {
  assessTargets,
  walkDependencies,
  type CompatibilityRule,
  type DependencyEdge,
  type PeakPeriod,
  type PayloadOf,
  type CompatibilityAssessed,
} from '@upgrade-control/contracts';

export interface InventoryAsset {
  assetId: string;
  name: string;
  product: string;
  version: string;
  site: string;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  status: 'active' | 'retired';
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PeakPeriod[];
}

export type CompatibilityFinding = PayloadOf<typeof CompatibilityAssessed>['findings'][number];

/** The columns of `inventory_rules` as a `CompatibilityRule`. */
export const INVENTORY_RULE_COLUMNS = `rule_id AS "ruleId", product, version_range AS "versionRange",
  requires_product AS "requiresProduct", requires_range AS "requiresRange", source, reason,
  mixed_versions AS "mixedVersions"`;

const ASSET = `asset_id AS "assetId", name, product, version, site, criticality, status, business_processes AS "businessProcesses",
  user_groups AS "userGroups", peak_periods AS "peakPeriods"`;

/**
 * Queries over the inventory view (INVENTORY_VIEW_PROJECTIONS), in the caller's transaction when
 * given one (a reaction reads its facts in the consumer's transaction).
 */
export class InventoryView {
  constructor(private readonly db: Database) {}

  assets(assetIds: string[], tx?: Transaction): Promise<InventoryAsset[]> {
    return this.db.query<InventoryAsset>(
      `SELECT ${ASSET} FROM inventory_assets WHERE asset_id = ANY($1)`,
      [assetIds],
      tx,
    );
  }

  /** Where the assets are and which product each runs; node null: projected before the view kept nodes. */
  locations(assetIds: string[]): Promise<{ assetId: string; product: string; site: string; node: string | null }[]> {
    return this.db.query(
      `SELECT asset_id AS "assetId", product, site, node FROM inventory_assets WHERE asset_id = ANY($1) ORDER BY asset_id`,
      [assetIds],
    );
  }

  /** The rules whose subject is one of the products (a rule speaks about its product in its range). */
  rulesAbout(products: string[]): Promise<CompatibilityRule[]> {
    return this.db.query<CompatibilityRule>(
      `SELECT ${INVENTORY_RULE_COLUMNS} FROM inventory_rules WHERE product = ANY($1) ORDER BY rule_id`,
      [products],
    );
  }

  async asset(assetId: string, tx?: Transaction): Promise<InventoryAsset | null> {
    return (await this.assets([assetId], tx))[0] ?? null;
  }

  edges(assetIds: string[], direction: 'dependents' | 'dependencies', tx?: Transaction): Promise<DependencyEdge[]> {
    const column = direction === 'dependents' ? 'depends_on_asset_id' : 'asset_id';
    return this.db.query<DependencyEdge>(
      `SELECT asset_id AS "assetId", depends_on_asset_id AS "dependsOnAssetId", relation FROM inventory_dependencies WHERE ${column} = ANY($1)`,
      [assetIds],
      tx,
    );
  }

  /** Transitive dependents of the given assets (not themselves), each at its shortest depth. */
  async dependentsOf(assetIds: string[], tx?: Transaction): Promise<(InventoryAsset & { depth: number })[]> {
    const depth = new Map<string, number>();
    for (const start of assetIds) {
      for (const reached of await walkDependencies(start, 'dependents', (frontier) =>
        this.edges(frontier, 'dependents', tx),
      )) {
        if (!assetIds.includes(reached.assetId))
          depth.set(reached.assetId, Math.min(reached.depth, depth.get(reached.assetId) ?? Infinity));
      }
    }
    return (await this.assets([...depth.keys()], tx))
      .map((a) => ({ ...a, depth: depth.get(a.assetId)! }))
      .sort((a, b) => a.depth - b.depth || a.assetId.localeCompare(b.assetId));
  }

  /**
   * Proposed target versions against the rules and the current versions of what they reach through
   * the dependency graph up to `depth` hops, as the contract records findings (with depth and path).
   */
  async compatibility(
    targets: { assetId: string; toVersion: string }[],
    depth: number,
    tx?: Transaction,
  ): Promise<CompatibilityFinding[]> {
    const ids = targets.map((t) => t.assetId);
    const edges = await this.edgesWithin(ids, depth, tx);
    const rows = await this.assets(
      [...new Set([...ids, ...edges.flatMap((e) => [e.assetId, e.dependsOnAssetId])])],
      tx,
    );
    const rules = await this.db.query<CompatibilityRule>(
      `SELECT ${INVENTORY_RULE_COLUMNS} FROM inventory_rules WHERE product = ANY($1) AND requires_product = ANY($1)`,
      [[...new Set(rows.map((r) => r.product))]],
      tx,
    );
    const assets = new Map(rows.map((r) => [r.assetId, r]));
    return assessTargets({ targets, edges, assets, rules, depth }).map((f) => ({
      ruleId: f.ruleId,
      status: f.status,
      assetId: f.asset.assetId,
      assetVersion: f.asset.version,
      otherAssetId: f.other.assetId,
      otherVersion: f.other.version,
      rule: f.rule,
      source: f.source,
      depth: f.depth,
      path: f.path,
    }));
  }

  /** Every edge in either direction within `depth` hops of the given assets (the walk picks its directions). */
  private async edgesWithin(assetIds: string[], depth: number, tx?: Transaction): Promise<DependencyEdge[]> {
    const seen = new Set(assetIds);
    const edges = new Map<string, DependencyEdge>();
    let frontier = assetIds;
    for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
      const found = [
        ...(await this.edges(frontier, 'dependents', tx)),
        ...(await this.edges(frontier, 'dependencies', tx)),
      ];
      for (const e of found) edges.set(`${e.assetId}\u0000${e.dependsOnAssetId}`, e);
      frontier = [...new Set(found.flatMap((e) => [e.assetId, e.dependsOnAssetId]))].filter((id) => !seen.has(id));
      frontier.forEach((id) => seen.add(id));
    }
    return [...edges.values()];
  }
}
