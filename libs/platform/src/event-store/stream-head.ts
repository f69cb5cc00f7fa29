import type { Database, Transaction } from '../database/database.js';
import { ConcurrencyError } from './concurrency-error.js';
import type { ExpectedVersion } from './event-store.js';
import type { Head } from './sealing.js';

/**
 * The head an append chains onto, as the caller expects it: read only when the caller did not
 * bring it (a version number, or 'any'). A version that is not there is a ConcurrencyError.
 */
export async function expectedHead(
  db: Database,
  streamId: string,
  expected: ExpectedVersion,
  tx: Transaction | undefined,
): Promise<Head> {
  if (expected === 'no-stream' || expected === 0) return { version: 0, hash: null };
  if (typeof expected === 'object') return expected;
  if (expected === 'any') {
    const head = await db.one<{ stream_version: number; hash: string }>(
      'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      [streamId],
      tx,
    );
    return { version: head?.stream_version ?? 0, hash: head?.hash ?? null };
  }
  const row = await db.one<{ hash: string }>(
    'SELECT hash FROM events WHERE stream_id = $1 AND stream_version = $2',
    [streamId, expected],
    tx,
  );
  if (!row) throw new ConcurrencyError(streamId, expected, await currentVersion(db, streamId, tx));
  return { version: expected, hash: row.hash };
}

/** The stream's last version (0 when it has none). */
export async function currentVersion(db: Database, streamId: string, tx?: Transaction): Promise<number> {
  const row = await db.one<{ version: number }>(
    'SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
    [streamId],
    tx,
  );
  return row!.version;
}
