import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Database, Transaction } from '../database/database.js';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from './event-row.js';

/** The stream as stored, in the caller's transaction when given. */
export async function readStreamRaw(db: Database, streamId: string, tx?: Transaction): Promise<EventEnvelope[]> {
  const rows = await db.prepared<EventRow>(
    {
      name: 'uc_read_stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      values: [streamId],
    },
    tx,
  );
  return rows.map(rowToEnvelope);
}

/** Every event of one upgrade (correlation id) in global order. */
export async function readCorrelated(db: Database, correlationId: string): Promise<EventEnvelope[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE correlation_id = $1 ORDER BY position`,
    [correlationId],
  );
  return rows.map(rowToEnvelope);
}

/** The whole log in global position order, a page at a time. */
export async function* readAll(db: Database, batchSize: number): AsyncGenerator<EventEnvelope[]> {
  let after = '0';
  for (;;) {
    const rows = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) return;
    yield rows.map(rowToEnvelope);
    after = rows[rows.length - 1]!.position;
  }
}
