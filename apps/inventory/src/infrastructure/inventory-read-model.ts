import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CompatibilityRule, DependencyEdge, PeakPeriod } from '@upgrade-control/contracts';

export interface AssetView {
  assetId: string;
  name: string;
  kind: string;
  product: string;
  version: string;
  site: string;
  node: string;
  attributes: Record<string, string>;
  criticality: string;
  owner: string;
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PeakPeriod[];
  expiresOn: string | null;
  status: 'active' | 'retired';
  streamVersion: number;
  versionChangedBy: string | null;
}

export interface AssetFilter {
  kind?: string;
  site?: string;
  product?: string;
  criticality?: string;
  status?: string;
  page: number;
  pageSize: number;
}

const ASSET_COLUMNS = `asset_id AS "assetId", name, kind, product, version, site, node, attributes, criticality, owner,
  business_processes AS "businessProcesses", user_groups AS "userGroups", peak_periods AS "peakPeriods",
  to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", status, stream_version AS "streamVersion",
  version_changed_by AS "versionChangedBy"`;

/** Queries over the inventory projections. */
@Injectable()
export class InventoryReadModel {
  constructor(private readonly db: DataSource) {}

  async asset(assetId: string): Promise<AssetView | null> {
    const rows = await this.db.query(`SELECT ${ASSET_COLUMNS} FROM assets WHERE asset_id = $1`, [assetId]);
    return rows[0] ?? null;
  }

  async assets(assetIds: string[]): Promise<AssetView[]> {
    return this.db.query(`SELECT ${ASSET_COLUMNS} FROM assets WHERE asset_id = ANY($1)`, [assetIds]);
  }

  async list(filter: AssetFilter): Promise<{ items: AssetView[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const values: unknown[] = [];
    for (const key of ['kind', 'site', 'product', 'criticality', 'status'] as const) {
      if (filter[key] === undefined) continue;
      values.push(filter[key]);
      where.push(`${key} = $${values.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM assets ${clause}`, values);
    const items = await this.db.query(
      `SELECT ${ASSET_COLUMNS} FROM assets ${clause} ORDER BY name, asset_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  /** Edges touching any of the given assets, in the given direction. */
  async edges(assetIds: string[], direction: 'dependents' | 'dependencies'): Promise<DependencyEdge[]> {
    const column = direction === 'dependents' ? 'depends_on_asset_id' : 'asset_id';
    return this.db.query(
      `SELECT asset_id AS "assetId", depends_on_asset_id AS "dependsOnAssetId", relation FROM dependencies WHERE ${column} = ANY($1)`,
      [assetIds],
    );
  }

  /** Rules between the given products (all rules when none are given). */
  async rules(products?: string[]): Promise<CompatibilityRule[]> {
    return this.db.query(
      `SELECT rule_id AS "ruleId", product, version_range AS "versionRange", requires_product AS "requiresProduct",
              requires_range AS "requiresRange", source, reason
         FROM compatibility_rules
        WHERE $1::text[] IS NULL OR (product = ANY($1) AND requires_product = ANY($1)) ORDER BY rule_id`,
      [products ?? null],
    );
  }

  async drift(product: string): Promise<{ site: string; node: string; assetId: string; version: string }[]> {
    return this.db.query(
      `SELECT site, node, asset_id AS "assetId", version FROM assets WHERE product = $1 AND status = 'active' ORDER BY site, node`,
      [product],
    );
  }

  async expiring(before: string): Promise<AssetView[]> {
    return this.db.query(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE kind IN ('certificate', 'license') AND status = 'active' AND expires_on < $1 ORDER BY expires_on`,
      [before],
    );
  }

  async snapshots(
    assetId: string,
  ): Promise<{ snapshotId: string; capturedAt: string; label: string | null; contentHash: string }[]> {
    return this.db.query(
      `SELECT snapshot_id AS "snapshotId", captured_at AS "capturedAt", label, content_hash AS "contentHash"
         FROM configuration_snapshots WHERE asset_id = $1 ORDER BY captured_at, snapshot_id`,
      [assetId],
    );
  }

  async snapshot(
    assetId: string,
    snapshotId: string,
  ): Promise<{
    snapshotId: string;
    capturedAt: string;
    label: string | null;
    contentHash: string;
    configuration: Record<string, unknown>;
  } | null> {
    const rows = await this.db.query(
      `SELECT snapshot_id AS "snapshotId", captured_at AS "capturedAt", label, content_hash AS "contentHash", configuration
         FROM configuration_snapshots WHERE asset_id = $1 AND snapshot_id = $2`,
      [assetId, snapshotId],
    );
    return rows[0] ?? null;
  }
}
