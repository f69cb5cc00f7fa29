import { Injectable } from '@nestjs/common';
import type { DependencyEdge } from '@upgrade-control/contracts';
import { InventoryView } from '@upgrade-control/inventory-view';
import { Database } from '@upgrade-control/platform';
import {
  AssetReadModel,
  type AssetFilter,
  type AssetPage,
  type AssetView,
  type Installation,
} from '../application/asset-read-model.port.js';

/** An asset is the inventory view's row (shared with planning and execution) and inventory's own details. */
const ASSETS = 'inventory_assets a JOIN asset_details d USING (asset_id)';

const ASSET_COLUMNS = `a.asset_id AS "assetId", a.name, d.kind, a.product, a.version, a.site, d.node, d.attributes,
  a.criticality, d.owner, a.business_processes AS "businessProcesses", a.user_groups AS "userGroups",
  a.peak_periods AS "peakPeriods", to_char(d.expires_on, 'YYYY-MM-DD') AS "expiresOn", a.status,
  a.stream_version AS "streamVersion", d.version_changed_by AS "versionChangedBy"`;

/** The list filters and the column each one compares. */
const FILTERS = {
  kind: 'd.kind',
  site: 'a.site',
  product: 'a.product',
  criticality: 'a.criticality',
  status: 'a.status',
};

@Injectable()
export class SqlAssetReadModel extends AssetReadModel {
  private readonly view: InventoryView;

  constructor(private readonly db: Database) {
    super();
    this.view = new InventoryView(db);
  }

  asset(assetId: string): Promise<AssetView | null> {
    return this.db.one<AssetView>(`SELECT ${ASSET_COLUMNS} FROM ${ASSETS} WHERE a.asset_id = $1`, [assetId]);
  }

  assets(assetIds: string[]): Promise<AssetView[]> {
    return this.db.query<AssetView>(`SELECT ${ASSET_COLUMNS} FROM ${ASSETS} WHERE a.asset_id = ANY($1)`, [assetIds]);
  }

  async list(filter: AssetFilter): Promise<AssetPage> {
    const where: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(FILTERS) as [keyof typeof FILTERS, string][]) {
      if (filter[key] === undefined) continue;
      values.push(filter[key]);
      where.push(`${column} = $${values.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counted = await this.db.one<{ total: number }>(
      `SELECT count(*)::int AS total FROM ${ASSETS} ${clause}`,
      values,
    );
    const items = await this.db.query<AssetView>(
      `SELECT ${ASSET_COLUMNS} FROM ${ASSETS} ${clause} ORDER BY a.name, a.asset_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items, total: counted!.total, page: filter.page, pageSize: filter.pageSize };
  }

  expiring(before: string): Promise<AssetView[]> {
    return this.db.query<AssetView>(
      `SELECT ${ASSET_COLUMNS} FROM ${ASSETS}
        WHERE d.kind IN ('certificate', 'license') AND a.status = 'active' AND d.expires_on < $1 ORDER BY d.expires_on, a.asset_id`,
      [before],
    );
  }

  installations(product: string): Promise<Installation[]> {
    return this.db.query<Installation>(
      `SELECT a.site, d.node, a.asset_id AS "assetId", a.version FROM ${ASSETS}
        WHERE a.product = $1 AND a.status = 'active' ORDER BY a.site, d.node, a.asset_id`,
      [product],
    );
  }

  edges(assetIds: string[], direction: 'dependents' | 'dependencies'): Promise<DependencyEdge[]> {
    return this.view.edges(assetIds, direction);
  }
}
