import pg from 'pg';
import { roleOf } from '../config/database-urls.js';

/** One service's database as `npm run db:prepare` sets it up (ADR 17). */
export interface DatabaseToPrepare {
  /** The runtime connection: its role becomes the app role. */
  databaseUrl: string;
  /** The migration connection: its role becomes the owner of the database and its tables. */
  migrationDatabaseUrl: string;
}

const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

function plainName(kind: string, name: string | null): string {
  if (!name || !PLAIN_NAME.test(name)) throw new Error(`refusing ${kind} with unusual name "${name ?? ''}"`);
  return name;
}

async function withClient<T>(url: string, database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const at = new URL(url);
  at.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: at.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A login role that is no superuser and may create neither databases nor roles; its password is
 * set from the URL when the URL has one (none is needed under trust authentication). A role that
 * exists keeps its attributes; a superuser's password is never touched.
 */
async function ensureRole(admin: pg.Client, url: string): Promise<string> {
  const role = plainName('role', roleOf(url));
  const password = decodeURIComponent(new URL(url).password);
  const { rows } = await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role]);
  const withPassword = password ? ` PASSWORD ${admin.escapeLiteral(password)}` : '';
  if (rows.length === 0) {
    await admin
      .query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS${withPassword}`)
      .catch((error: { code?: string }) => {
        if (error.code !== '42710' && error.code !== '23505') throw error; // created concurrently
      });
  } else if (password && !rows[0]!.rolsuper) {
    await admin.query(`ALTER ROLE ${role}${withPassword}`);
  }
  return role;
}

/**
 * Creates (idempotently) the owner and app roles and the database owned by the owner, through an
 * administrator's connection (`adminUrl`, a superuser or a role with CREATEROLE and CREATEDB).
 * Only the owner may create in the schema; the app role may connect, and gets its table rights
 * from the owner after each migration (runtime-grants.ts). Objects an earlier setup created as
 * another role (a database prepared before ADR 17) are handed to the owner.
 */
export async function prepareServiceDatabase(adminUrl: string, target: DatabaseToPrepare): Promise<void> {
  const database = plainName('database', decodeURIComponent(new URL(target.databaseUrl).pathname.slice(1)));
  await withClient(adminUrl, 'postgres', async (admin) => {
    // One preparation at a time sets roles: PostgreSQL refuses a second concurrent writer of a
    // role's row ("tuple concurrently updated") rather than waiting, and parallel test workers or
    // services starting together prepare the same roles. Released when the session ends.
    await admin.query(`SELECT pg_advisory_lock(hashtext('upgrade-control:prepare-roles'))`);
    const owner = await ensureRole(admin, target.migrationDatabaseUrl);
    const app = await ensureRole(admin, target.databaseUrl);
    await admin.query(`SELECT pg_advisory_unlock(hashtext('upgrade-control:prepare-roles'))`);
    const { rows } = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (rows.length === 0)
      await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error;
      });
    else if (rows[0]!.owner !== owner) await admin.query(`ALTER DATABASE ${database} OWNER TO ${owner}`);
    if (app === owner) return;
    await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${app}`);
  });
  const owner = plainName('role', roleOf(target.migrationDatabaseUrl));
  const app = plainName('role', roleOf(target.databaseUrl));
  if (app === owner) return;
  await withClient(adminUrl, database, async (admin) => {
    await admin.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    await admin.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await adoptObjects(admin, owner);
    // Lets the relay record which cluster wrote a checkpoint (uc_cluster_id, ADR 11).
    await admin.query(`GRANT EXECUTE ON FUNCTION pg_control_system() TO ${owner}, ${app}`);
  });
}

/** Tables, views, sequences and functions of the schema owned by someone else become the owner's. */
async function adoptObjects(admin: pg.Client, owner: string): Promise<void> {
  const { rows } = await admin.query<{ statement: string }>(
    `SELECT format('ALTER %s %s OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
              c.oid::regclass, $1::text) AS statement
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND pg_get_userbyid(c.relowner) <> $1
        -- a sequence owned by a column follows its table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                 WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const { statement } of rows) await admin.query(statement);
}
