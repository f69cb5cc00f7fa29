import type { DedicatedConnection } from './dedicated-connection.js';
import type { RelayRow } from './relay-checkpoint.js';

/** Keeps an event the broker refuses for good in relay_parked_events, so the events behind it go out. */
export async function parkEvent(
  client: DedicatedConnection,
  relay: string,
  row: RelayRow,
  bytes: number,
  reason: string,
): Promise<void> {
  await client.query(
    `INSERT INTO relay_parked_events (relay, event_id, stream_id, stream_version, position, bytes, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [relay, row.event_id, row.stream_id, row.stream_version, row.position, bytes, reason],
  );
}

export async function countParked(client: DedicatedConnection, relay: string): Promise<number> {
  const rows = await client.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM relay_parked_events WHERE relay = $1',
    [relay],
  );
  return Number(rows[0]?.n ?? 0);
}
