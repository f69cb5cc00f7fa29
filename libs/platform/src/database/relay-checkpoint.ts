import { EVENT_COLUMNS, type EventRow } from '../event-store/event-row.js';
import type { DedicatedConnection } from './dedicated-connection.js';

/**
 * Where a relay stands: everything ordered at or before (txId, position) is published. Above a
 * position floor only (see rebaseRelaysAfterRestore); while `draining`, the events at or below
 * the floor that a restored database had not published yet come first, in their old order.
 */
export interface Checkpoint {
  txId: string;
  position: string;
  floor: string;
  draining: boolean;
}

export type RelayRow = EventRow & { tx_id: string };

export async function readCheckpoint(client: DedicatedConnection, relay: string): Promise<Checkpoint> {
  const rows = await client.query<{ tx_id: string; position: string; floor: string; draining: boolean }>(
    'SELECT tx_id::text, position::text, floor_position::text AS floor, draining FROM relay_checkpoints WHERE relay = $1',
    [relay],
  );
  const row = rows[0];
  return row
    ? { txId: row.tx_id, position: row.position, floor: row.floor, draining: row.draining }
    : { txId: '0', position: '0', floor: '0', draining: false };
}

/**
 * The next events to publish. ORDER BY names the table: a bare tx_id would mean the text column
 * selected here, and text order ('10' < '9') would skip events once transaction ids grow a digit.
 * Only transactions that can no longer commit anything before them are read, so a slow writer
 * never commits an event behind the checkpoint. The horizon is the cluster's oldest running
 * transaction (free to ask), or, `precise`, the oldest of this database's (uc_commit_horizon,
 * which looks at pg_stat_activity): later or equal, so one open elsewhere holds nothing back.
 */
export async function readBatch(
  client: DedicatedConnection,
  from: Checkpoint,
  limit: number,
  precise = false,
): Promise<RelayRow[]> {
  return client.prepared<RelayRow>(
    from.draining
      ? {
          name: 'uc_relay_drain',
          text: `SELECT tx_id::text, ${EVENT_COLUMNS} FROM events
              WHERE position <= $4::bigint AND (tx_id, position) > ($1::xid8, $2::bigint)
              ORDER BY events.tx_id, events.position LIMIT $3`,
          values: [from.txId, from.position, limit, from.floor],
        }
      : {
          name: precise ? 'uc_relay_batch_precise' : 'uc_relay_batch',
          text: `SELECT tx_id::text, ${EVENT_COLUMNS} FROM events
              WHERE position > $4::bigint AND (tx_id, position) > ($1::xid8, $2::bigint)
                AND tx_id < ${precise ? '(SELECT uc_commit_horizon())' : 'pg_snapshot_xmin(pg_current_snapshot())'}
              ORDER BY events.tx_id, events.position LIMIT $3`,
          values: [from.txId, from.position, limit, from.floor],
        },
  );
}

/** Restored events all published: from here on, this cluster's transactions above the floor. */
export const drained = (c: Checkpoint): Checkpoint => ({ txId: '0', position: '0', floor: c.floor, draining: false });

export async function saveCheckpoint(
  client: DedicatedConnection,
  relay: string,
  at: Checkpoint,
  published: number,
): Promise<void> {
  await client.prepared({
    name: 'uc_relay_checkpoint',
    text: `INSERT INTO relay_checkpoints (relay, tx_id, position, published, floor_position, draining, system_id)
       VALUES ($1, $2::xid8, $3, $4, $5, $6, uc_cluster_id())
       ON CONFLICT (relay) DO UPDATE SET tx_id = EXCLUDED.tx_id, position = EXCLUDED.position,
         published = relay_checkpoints.published + EXCLUDED.published, floor_position = EXCLUDED.floor_position,
         draining = EXCLUDED.draining, updated_at = now()`,
    values: [relay, at.txId, at.position, published, at.floor, at.draining],
  });
}

/** Unpublished events, including those held behind a running transaction, less the parked ones. */
export async function countUnpublished(client: DedicatedConnection, relay: string, from: Checkpoint): Promise<number> {
  const rows = await client.query<{ lag: string }>(
    `SELECT count(*)::text AS lag FROM events e
      WHERE (CASE WHEN $4::boolean
               -- draining: restored events not yet published, and everything written since
               THEN e.position > $3::bigint OR (e.tx_id, e.position) > ($1::xid8, $2::bigint)
               ELSE e.position > $3::bigint AND (e.tx_id, e.position) > ($1::xid8, $2::bigint) END)
        AND NOT EXISTS (SELECT 1 FROM relay_parked_events p WHERE p.relay = $5 AND p.event_id = e.event_id)`,
    [from.txId, from.position, from.floor, from.draining, relay],
  );
  return Number(rows[0]?.lag ?? 0);
}
