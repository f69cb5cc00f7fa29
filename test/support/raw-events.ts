import { eventRowValues, INSERTED_COLUMNS } from '@upgrade-control/platform';
import type { EventEnvelope } from '@upgrade-control/contracts';

/**
 * Puts sealed events straight into a service's events table, as a restore or a bug would: past
 * the store's size and contract checks, which are not what such a test is about.
 */
export async function insertRawEvents(
  db: { query(sql: string, values: unknown[]): Promise<unknown> },
  events: EventEnvelope[],
): Promise<void> {
  const width = INSERTED_COLUMNS.split(',').length;
  const rows = events.map((_, i) => `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(',')})`);
  await db.query(
    `INSERT INTO events (${INSERTED_COLUMNS}) VALUES ${rows.join(',')}`,
    events.flatMap((e) => eventRowValues(e, null)),
  );
}
