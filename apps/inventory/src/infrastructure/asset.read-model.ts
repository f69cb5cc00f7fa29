import { Injectable } from '@nestjs/common';
import type { DependencyEdge } from '@upgrade-control/contracts';
import { InventoryView } from '@upgrade-control/inventory-view';
import { Database, pageOf, type Page, type PageRequest } from '@upgrade-control/platform';
import {
  AssetReadModel,
  type AssetFilter,
  type AssetView,
  type Installation,
} from '../application/asset-read-model.port.js';
import { CUSTOM_MODULES_ATTRIBUTE } from '../domain/wave-suggestions.js';

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

  /** By asset id: a key that never changes, so no asset is lost or repeated between pages. */
  async list(filter: AssetFilter, page: PageRequest): Promise<Page<AssetView>> {
    const where: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(FILTERS) as [keyof typeof FILTERS, string][]) {
      if (filter[key] === undefined) continue;
      values.push(filter[key]);
      where.push(`${column} = $${values.length}`);
    }
    if (page.after) {
      values.push(page.after[0]);
      where.push(`a.asset_id > $${values.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.query<AssetView>(
      `SELECT ${ASSET_COLUMNS} FROM ${ASSETS} ${clause} ORDER BY a.asset_id LIMIT $${values.length + 1}`,
      [...values, page.limit + 1],
    );
    return pageOf(rows, page, (asset) => [asset.assetId]);
  }

  async expiring(before: string, page: PageRequest): Promise<Page<AssetView>> {
    const [expiresOn = null, assetId = null] = page.after ?? [];
    const rows = await this.db.query<AssetView>(
      `SELECT ${ASSET_COLUMNS} FROM ${ASSETS}
        WHERE d.kind IN ('certificate', 'license') AND a.status = 'active' AND d.expires_on < $1
          AND ($2::date IS NULL OR (d.expires_on, a.asset_id) > ($2::date, $3::text))
        ORDER BY d.expires_on, a.asset_id LIMIT $4`,
      [before, expiresOn, assetId, page.limit + 1],
    );
    return pageOf(rows, page, (asset) => [asset.expiresOn!, asset.assetId]);
  }

  installations(product: string): Promise<Installation[]> {
    return this.db.query<Installation>(
      `SELECT a.site, d.node, a.asset_id AS "assetId", a.version, d.attributes->>$2 AS "customModules"
         FROM ${ASSETS}
        WHERE a.product = $1 AND a.status = 'active' ORDER BY a.site, d.node, a.asset_id`,
      [product, CUSTOM_MODULES_ATTRIBUTE],
    );
  }

  edges(assetIds: string[], direction: 'dependents' | 'dependencies'): Promise<DependencyEdge[]> {
    return this.view.edges(assetIds, direction);
  }
}
