import { sqlMigration } from './sql-migration.js';

/**
 * Idempotency-Key (ADR 22): one row per principal, route and key. `status` is null while the first
 * request runs; then it holds that request's answer, replayed to every retry with the same body
 * until `expires_at`. Rows are updated and purged, so the table is not append-only.
 */
export const IdempotencyKeys1765300000000 = sqlMigration('IdempotencyKeys1765300000000', {
  up: [
    `
      CREATE TABLE idempotency_keys (
        principal      text NOT NULL,
        method         text NOT NULL,
        path           text NOT NULL,
        key            text NOT NULL,
        request_hash   char(64) NOT NULL,
        locked_at      timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        status         integer,
        location       text,
        content_type   text,
        body           text,
        PRIMARY KEY (principal, method, path, key)
      )`,
    `CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`,
  ],
  down: ['DROP TABLE idempotency_keys'],
});
