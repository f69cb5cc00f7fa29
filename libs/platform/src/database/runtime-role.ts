import { ConfigError } from '../config/config-error.js';
import { ownerRole, appRole, redacted } from '../config/database-urls.js';
import type { Database } from './database.js';
import { APPEND_ONLY_TABLES } from './runtime-grants.js';

interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassrls: boolean;
  owns: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
}

/**
 * What the runtime connection could do to an append-only table that it must not: be a superuser,
 * own it (or be a member of its owner, which can SET ROLE to it), change or delete its rows.
 * Empty when the connection is least-privileged.
 */
export async function runtimeRoleProblems(db: Database, tables = APPEND_ONLY_TABLES): Promise<string[]> {
  const problems = new Set<string>();
  for (const table of tables) for (const problem of await problemsWith(db, table)) problems.add(problem);
  return [...problems];
}

async function problemsWith(db: Database, table: string): Promise<string[]> {
  const [facts] = await db.query<RoleFacts>(
    `SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
            pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
            has_table_privilege(c.oid, 'UPDATE') AS update,
            has_table_privilege(c.oid, 'DELETE') AS delete,
            has_table_privilege(c.oid, 'TRUNCATE') AS truncate
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = to_regclass($1)`,
    [`public.${table}`],
  );
  if (!facts) return [`table ${table} is missing`];
  return [
    facts.superuser && `is a superuser`,
    facts.bypassrls && `bypasses row-level security`,
    facts.owns && `owns ${table} (or may act as its owner), so it could disable or drop its triggers`,
    facts.update && `may UPDATE ${table}`,
    facts.delete && `may DELETE from ${table}`,
    facts.truncate && `may TRUNCATE ${table}`,
  ]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => `role "${facts.role}" ${p}`);
}

/**
 * Secure by default: outside NODE_ENV development|test a service refuses to serve through a
 * connection that could rewrite its history; the message says what to set.
 */
export async function assertLeastPrivilege(db: Database, service: string, url: string): Promise<void> {
  const problems = await runtimeRoleProblems(db);
  if (problems.length === 0) return;
  const prefix = service.toUpperCase();
  throw new ConfigError(
    `${service}'s runtime database connection (${redacted(url)}) is not least-privileged: ${problems.join('; ')}. ` +
      `Outside NODE_ENV development or test, set ${prefix}_DATABASE_URL to the app role (${appRole(service)}) and ` +
      `${prefix}_MIGRATION_DATABASE_URL to the owner role (${ownerRole(service)}), both created by \`npm run db:prepare\` ` +
      `(or leave DATABASE_URL_BASE without a role name and set DATABASE_PASSWORD and MIGRATION_DATABASE_PASSWORD).`,
  );
}
