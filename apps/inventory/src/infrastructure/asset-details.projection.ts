import type { ProjectionStatement, StatementProjection } from '@upgrade-control/platform';

type P = Record<string, unknown>;

/**
 * Inventory's own details of an asset, beside the inventory view's row that planning and
 * execution keep too (projectInventoryView): kind, node, attributes, owner, expiry, what moved
 * the version last and when the asset was registered and last changed. Timestamps come from the
 * event (ADR 10).
 */
export const projectAssetDetails: StatementProjection = (event) => {
  const p = event.payload as P;
  const at = event.occurredAt;
  const v = event.streamVersion;
  switch (event.type) {
    case 'AssetRegistered':
      return [
        statement(
          `INSERT INTO asset_details (asset_id, kind, node, attributes, owner, expires_on, registered_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$7) ON CONFLICT (asset_id) DO NOTHING`,
          [p.assetId, p.kind, p.node, p.attributes, p.owner, p.expiresOn, at],
        ),
      ];
    case 'AssetDetailsUpdated': {
      const values: unknown[] = [p.assetId, v, at];
      const sets = ['updated_at = $3'];
      for (const [key, value] of Object.entries(p.changes as P)) {
        const column = COLUMNS[key];
        if (!column) continue;
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
      return [statement(`UPDATE asset_details SET ${sets.join(', ')} WHERE ${CURRENT}`, values)];
    }
    case 'AssetVersionChanged':
      return [
        statement(`UPDATE asset_details SET version_changed_by = $4, updated_at = $3 WHERE ${CURRENT}`, [
          p.assetId,
          v,
          at,
          p.causedByEventId ?? event.eventId,
        ]),
      ];
    case 'AssetRetired':
    case 'DependencyDeclared':
    case 'DependencyRemoved':
      return [statement(`UPDATE asset_details SET updated_at = $3 WHERE ${CURRENT}`, [p.assetId, v, at])];
    default:
      return [];
  }
};

/** The changes of AssetDetailsUpdated kept here; the others are the view's. */
const COLUMNS: Record<string, string> = {
  node: 'node',
  attributes: 'attributes',
  owner: 'owner',
  expiresOn: 'expires_on',
};

/**
 * The asset ($1) has not moved past stream version $2, per the view's row. Applying the event of
 * the version the row is at again writes the same values, so it does not matter whether the
 * view's statement for the same event ran already or runs in the same statement (ADR 9): a
 * redelivered or replayed older event changes nothing either way (ADR 10).
 */
const CURRENT =
  'asset_id = $1 AND EXISTS (SELECT 1 FROM inventory_assets WHERE asset_id = $1 AND stream_version <= $2)';

const statement = (sql: string, parameters: unknown[]): ProjectionStatement => ({ sql, parameters });
