import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ProjectionStatement, StatementProjection } from '@upgrade-control/platform';

type P = Record<string, unknown>;

/**
 * The one projection of the inventory's facts: assets, dependency graph and rules, as inventory
 * keeps them with every append and as planning and execution keep their copy from
 * inventory.events (INVENTORY_VIEW_PROJECTIONS). Every change to an asset's rows is guarded by
 * the asset stream's version, so a redelivered or replayed event changes nothing and any
 * interleaving of streams gives the same view (ADR 10). Dependencies are events of the declaring
 * asset's stream: they are guarded by that asset's version and then move it. Pure: the
 * statements of one event touch different rows, so the store may write them in the event's own
 * INSERT (ADR 9).
 */
export const projectInventoryView: StatementProjection = (event) => {
  const p = event.payload as P;
  const v = event.streamVersion;
  switch (event.type) {
    case 'AssetRegistered':
      return [
        statement(
          `INSERT INTO inventory_assets (asset_id, name, product, version, site, criticality, status, business_processes,
             user_groups, peak_periods, stream_version, node)
           VALUES ($1,$2,$3,$4,$5,$6,'active',$7,$8,$9,$10,$11) ON CONFLICT (asset_id) DO NOTHING`,
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
            v,
            p.node,
          ],
        ),
      ];
    case 'AssetDetailsUpdated': {
      // Only expiresOn may be set to null, and it is not part of the view: null means unchanged.
      const c = p.changes as P;
      return [
        statement(
          `UPDATE inventory_assets SET name = coalesce($2, name), product = coalesce($3, product), site = coalesce($4, site),
             criticality = coalesce($5, criticality), business_processes = coalesce($6, business_processes),
             user_groups = coalesce($7, user_groups), peak_periods = coalesce($8, peak_periods), stream_version = $9,
             node = coalesce($10, node)
           WHERE asset_id = $1 AND stream_version < $9`,
          [
            p.assetId,
            c.name ?? null,
            c.product ?? null,
            c.site ?? null,
            c.criticality ?? null,
            c.businessProcesses ?? null,
            c.userGroups ?? null,
            c.peakPeriods ? JSON.stringify(c.peakPeriods) : null,
            v,
            c.node ?? null,
          ],
        ),
      ];
    }
    case 'AssetVersionChanged':
      return [
        statement(
          'UPDATE inventory_assets SET version = $2, stream_version = $3 WHERE asset_id = $1 AND stream_version < $3',
          [p.assetId, p.toVersion, v],
        ),
      ];
    case 'AssetRetired':
      return [
        statement(
          `UPDATE inventory_assets SET status = 'retired', stream_version = $2 WHERE asset_id = $1 AND stream_version < $2`,
          [p.assetId, v],
        ),
      ];
    case 'DependencyDeclared':
      return [
        statement(`INSERT INTO inventory_dependencies SELECT $1, $2, $3 WHERE ${NEWER} ON CONFLICT DO NOTHING`, [
          p.assetId,
          p.dependsOnAssetId,
          p.relation,
          v,
        ]),
        touch(event),
      ];
    case 'DependencyRemoved':
      return [
        statement(
          `DELETE FROM inventory_dependencies WHERE asset_id = $1 AND depends_on_asset_id = $2 AND relation = $3 AND ${NEWER}`,
          [p.assetId, p.dependsOnAssetId, p.relation, v],
        ),
        touch(event),
      ];
    case 'CompatibilityRuleDeclared':
      // A rule is declared once and never changes: inserting it again changes nothing.
      return [
        statement(
          `INSERT INTO inventory_rules (rule_id, product, version_range, requires_product, requires_range, source, reason,
             mixed_versions) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING`,
          [
            p.ruleId,
            p.product,
            p.versionRange,
            p.requiresProduct,
            p.requiresRange,
            p.source,
            p.reason,
            p.mixedVersions,
          ],
        ),
      ];
    default:
      return [];
  }
};

const statement = (sql: string, parameters: unknown[]): ProjectionStatement => ({ sql, parameters });

/**
 * True while the asset ($1) has not yet seen stream version $4. The edge's statement comes before
 * `touch`, which moves the version: run one after the other, or as parts of one statement (which
 * see the rows as they were before it), the edge is checked against the version before the event.
 */
const NEWER = 'EXISTS (SELECT 1 FROM inventory_assets WHERE asset_id = $1 AND stream_version < $4)';

const touch = (event: EventEnvelope) =>
  statement('UPDATE inventory_assets SET stream_version = $2 WHERE asset_id = $1 AND stream_version < $2', [
    (event.payload as P).assetId,
    event.streamVersion,
  ]);

export const INVENTORY_FACT_EVENTS = [
  'AssetRegistered',
  'AssetDetailsUpdated',
  'AssetVersionChanged',
  'AssetRetired',
  'DependencyDeclared',
  'DependencyRemoved',
  'CompatibilityRuleDeclared',
];
