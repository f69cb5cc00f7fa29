import type { MigrationRunner } from './database.js';

/**
 * Tables the runtime role may only read and append to: never UPDATE, DELETE or TRUNCATE. A
 * migration that adds an append-only table (a history, signed checkpoints) lists it here.
 */
export const APPEND_ONLY_TABLES: readonly string[] = ['events'];

/** Tables the runtime role may read but never write: the migrations' own record. */
const READ_ONLY_TABLES: readonly string[] = ['schema_migrations'];

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What the runtime role may do, granted by the owner after its migrations (ADR 17). Everything
 * in the schema is readable and writable (read models, inbox, relay checkpoints, parked events,
 * sequences) except the append-only and read-only tables above. The default privileges extend the
 * same to tables a later migration adds, so a new read model needs no grant of its own; the
 * revokes run again after every migration, so even an append-only table a migration re-creates
 * loses UPDATE, DELETE and TRUNCATE before the service writes. Idempotent.
 */
export function runtimeGrantStatements(appRole: string): string[] {
  const app = quoted(appRole);
  return [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    ...APPEND_ONLY_TABLES.map(
      (t) => `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${quoted(t)} FROM ${app}`,
    ),
    ...READ_ONLY_TABLES.map(
      (t) => `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${quoted(t)} FROM ${app}`,
    ),
  ];
}

export async function grantRuntimeAccess(q: Pick<MigrationRunner, 'query'>, appRole: string): Promise<void> {
  for (const statement of runtimeGrantStatements(appRole)) await q.query(statement);
}
