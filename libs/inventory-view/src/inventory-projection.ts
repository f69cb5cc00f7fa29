import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';

type P = Record<string, unknown>;

/** Planning's own view of the inventory, fed from inventory.events: assets, graph and rules. */
export async function projectInventoryFacts(event: EventEnvelope, tx: EntityManager): Promise<void> {
  const p = event.payload as P;
  switch (event.type) {
    case 'AssetRegistered':
      await tx.query(
        `INSERT INTO inventory_assets VALUES ($1,$2,$3,$4,$5,$6,'active',$7,$8,$9) ON CONFLICT (asset_id) DO NOTHING`,
        [
          p.assetId,
          p.name,
          p.product,
          p.version,
          p.site,
          p.criticality,
          p.businessProcesses,
          p.userGroups,
          JSON.stringify(p.peakPeriods),
        ],
      );
      return;
    case 'AssetDetailsUpdated': {
      const c = p.changes as P;
      await tx.query(
        `UPDATE inventory_assets SET name = coalesce($2, name), product = coalesce($3, product), site = coalesce($4, site),
           criticality = coalesce($5, criticality), business_processes = coalesce($6, business_processes),
           user_groups = coalesce($7, user_groups), peak_periods = coalesce($8, peak_periods) WHERE asset_id = $1`,
        [
          p.assetId,
          c.name ?? null,
          c.product ?? null,
          c.site ?? null,
          c.criticality ?? null,
          c.businessProcesses ?? null,
          c.userGroups ?? null,
          c.peakPeriods ? JSON.stringify(c.peakPeriods) : null,
        ],
      );
      return;
    }
    case 'AssetVersionChanged':
      await tx.query('UPDATE inventory_assets SET version = $2 WHERE asset_id = $1', [p.assetId, p.toVersion]);
      return;
    case 'AssetRetired':
      await tx.query(`UPDATE inventory_assets SET status = 'retired' WHERE asset_id = $1`, [p.assetId]);
      return;
    case 'DependencyDeclared':
      await tx.query('INSERT INTO inventory_dependencies VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [
        p.assetId,
        p.dependsOnAssetId,
        p.relation,
      ]);
      return;
    case 'DependencyRemoved':
      await tx.query(
        'DELETE FROM inventory_dependencies WHERE asset_id = $1 AND depends_on_asset_id = $2 AND relation = $3',
        [p.assetId, p.dependsOnAssetId, p.relation],
      );
      return;
    case 'CompatibilityRuleDeclared':
      await tx.query('INSERT INTO inventory_rules VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING', [
        p.ruleId,
        p.product,
        p.versionRange,
        p.requiresProduct,
        p.requiresRange,
        p.source,
        p.reason,
      ]);
      return;
  }
}

export const INVENTORY_FACT_EVENTS = [
  'AssetRegistered',
  'AssetDetailsUpdated',
  'AssetVersionChanged',
  'AssetRetired',
  'DependencyDeclared',
  'DependencyRemoved',
  'CompatibilityRuleDeclared',
];
