import type { Database } from './database.js';

/** Which request a key belongs to: the caller, the route and the key itself. */
export interface IdempotencyScope {
  principal: string;
  method: string;
  path: string;
  key: string;
}

/** The first request's answer, as it is replayed. */
export interface StoredAnswer {
  status: number;
  location: string | null;
  contentType: string | null;
  body: string | null;
}

/** What claiming a key found. */
export type Claim =
  { kind: 'claimed' } | { kind: 'in-flight' } | { kind: 'reused' } | { kind: 'answered'; answer: StoredAnswer };

interface Row {
  requestHash: string;
  status: number | null;
  location: string | null;
  contentType: string | null;
  body: string | null;
}

const where = 'principal = $1 AND method = $2 AND path = $3 AND key = $4';
const params = (s: IdempotencyScope) => [s.principal, s.method, s.path, s.key];

/**
 * The idempotency_keys table. A claim inserts the row or takes over one that expired or whose
 * request was abandoned (a process that died mid-request leaves a row that is never answered);
 * otherwise it reports what the first request left.
 */
export class IdempotencyKeys {
  constructor(
    private readonly db: Database,
    private readonly ttlSeconds: number,
    private readonly abandonedAfterSeconds: number,
  ) {}

  async claim(scope: IdempotencyScope, requestHash: string): Promise<Claim> {
    const [taken] = await this.db.query<{ claimed: boolean }>(
      `INSERT INTO idempotency_keys (principal, method, path, key, request_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
       ON CONFLICT (principal, method, path, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, locked_at = now(), expires_at = EXCLUDED.expires_at,
             status = NULL, location = NULL, content_type = NULL, body = NULL
         WHERE idempotency_keys.expires_at <= now()
            OR (idempotency_keys.status IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
                AND idempotency_keys.locked_at <= now() - make_interval(secs => $7))
       RETURNING true AS claimed`,
      [...params(scope), requestHash, this.ttlSeconds, this.abandonedAfterSeconds],
    );
    if (taken) return { kind: 'claimed' };
    const row = await this.db.one<Row>(
      `SELECT request_hash AS "requestHash", status, location, content_type AS "contentType", body
         FROM idempotency_keys WHERE ${where}`,
      params(scope),
    );
    // Purged between the two statements: the key is free again.
    if (!row) return this.claim(scope, requestHash);
    if (row.requestHash !== requestHash) return { kind: 'reused' };
    if (row.status === null) return { kind: 'in-flight' };
    return {
      kind: 'answered',
      answer: { status: row.status, location: row.location, contentType: row.contentType, body: row.body },
    };
  }

  async answer(scope: IdempotencyScope, answer: StoredAnswer): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET status = $5, location = $6, content_type = $7, body = $8 WHERE ${where}`,
      [...params(scope), answer.status, answer.location, answer.contentType, answer.body],
    );
  }

  /** The request failed in a way a retry may not (a 5xx): the key is free for it. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE ${where} AND status IS NULL`, params(scope));
  }

  async purgeExpired(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at <= now() RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    );
    return rows[0]?.n ?? 0;
  }
}
