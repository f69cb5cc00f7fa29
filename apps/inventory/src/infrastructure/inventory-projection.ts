import type { EntityManager } from 'typeorm';
import { upcast, type EventEnvelope } from '@upgrade-control/contracts';
import { applyStatements, type ProjectionStatement, type StatementProjection } from '@upgrade-control/platform';

type P = Record<string, unknown>;

/**
 * Keeps the inventory read models in step with the event store: the statements for each event,
 * written with every append (in its own INSERT when there is one) and, over the whole log, to
 * rebuild them. Asset rows are guarded by the asset stream's version and rules and snapshots are
 * written once, so applying an event again changes nothing (ADR 10).
 */
export const projectInventory: StatementProjection = (event) => {
  const statements: ProjectionStatement[] = [];
  project(event, (sql, parameters) => statements.push({ sql, parameters }));
  return statements;
};

type Run = (sql: string, parameters: unknown[]) => void;

function project(event: EventEnvelope, run: Run): void {
  const p = event.payload as P;
  const at = event.occurredAt;
  switch (event.type) {
    case 'AssetRegistered':
      run(
        `INSERT INTO assets (asset_id, name, kind, product, version, site, node, attributes, criticality, owner,
           business_processes, user_groups, peak_periods, expires_on, status, stream_version, registered_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'active',$15,$16,$16)
         ON CONFLICT (asset_id) DO NOTHING`,
        [
          p.assetId,
          p.name,
          p.kind,
          p.product,
          p.version,
          p.site,
          p.node,
          p.attributes,
          p.criticality,
          p.owner,
          p.businessProcesses,
          p.userGroups,
          JSON.stringify(p.peakPeriods),
          p.expiresOn,
          event.streamVersion,
          at,
        ],
      );
      return;
    case 'AssetDetailsUpdated': {
      const changes = p.changes as P;
      const columns: Record<string, [string, (v: unknown) => unknown]> = {
        name: ['name', id],
        product: ['product', id],
        site: ['site', id],
        node: ['node', id],
        attributes: ['attributes', id],
        criticality: ['criticality', id],
        owner: ['owner', id],
        businessProcesses: ['business_processes', id],
        userGroups: ['user_groups', id],
        peakPeriods: ['peak_periods', (v) => JSON.stringify(v)],
        expiresOn: ['expires_on', id],
      };
      const sets: string[] = [];
      const values: unknown[] = [p.assetId, event.streamVersion, at];
      for (const [key, value] of Object.entries(changes)) {
        const column = columns[key];
        if (!column) continue;
        values.push(column[1](value));
        sets.push(`${column[0]} = $${values.length}`);
      }
      run(
        `UPDATE assets SET ${[...sets, 'stream_version = $2', 'updated_at = $3'].join(', ')} WHERE asset_id = $1 AND stream_version < $2`,
        values,
      );
      return;
    }
    case 'AssetVersionChanged':
      run(
        'UPDATE assets SET version = $2, version_changed_by = $3, stream_version = $4, updated_at = $5 WHERE asset_id = $1 AND stream_version < $4',
        [p.assetId, p.toVersion, p.causedByEventId ?? event.eventId, event.streamVersion, at],
      );
      return;
    case 'AssetRetired':
      run(
        `UPDATE assets SET status = 'retired', stream_version = $2, updated_at = $3 WHERE asset_id = $1 AND stream_version < $2`,
        [p.assetId, event.streamVersion, at],
      );
      return;
    case 'DependencyDeclared':
      run(`INSERT INTO dependencies SELECT $1, $2, $3 WHERE ${NEWER} ON CONFLICT DO NOTHING`, [
        p.assetId,
        p.dependsOnAssetId,
        p.relation,
        event.streamVersion,
      ]);
      touch(run, event);
      return;
    case 'DependencyRemoved':
      run(`DELETE FROM dependencies WHERE asset_id = $1 AND depends_on_asset_id = $2 AND relation = $3 AND ${NEWER}`, [
        p.assetId,
        p.dependsOnAssetId,
        p.relation,
        event.streamVersion,
      ]);
      touch(run, event);
      return;
    case 'CompatibilityRuleDeclared':
      run('INSERT INTO compatibility_rules VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING', [
        p.ruleId,
        p.product,
        p.versionRange,
        p.requiresProduct,
        p.requiresRange,
        p.source,
        p.reason,
        at,
      ]);
      return;
    case 'ConfigurationSnapshotCaptured':
      run('INSERT INTO configuration_snapshots VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING', [
        p.snapshotId,
        p.assetId,
        p.capturedAt,
        p.label,
        p.contentHash,
        p.configuration,
      ]);
      return;
  }
}

const id = (v: unknown) => v;
/** True while the asset ($1) has not yet seen stream version $4: a replayed edge change is skipped. */
const NEWER = 'EXISTS (SELECT 1 FROM assets WHERE asset_id = $1 AND stream_version < $4)';
const touch = (run: Run, event: EventEnvelope) =>
  run('UPDATE assets SET stream_version = $2, updated_at = $3 WHERE asset_id = $1 AND stream_version < $2', [
    (event.payload as P).assetId,
    event.streamVersion,
    event.occurredAt,
  ]);

/** Rebuilds every inventory read model from the event store. */
export async function rebuildInventoryProjections(
  tx: EntityManager,
  readAll: () => AsyncGenerator<EventEnvelope[]>,
): Promise<void> {
  await tx.query('TRUNCATE assets, dependencies, compatibility_rules, configuration_snapshots');
  for await (const page of readAll())
    for (const event of page) await applyStatements(projectInventory(upcast(event)), tx);
}
