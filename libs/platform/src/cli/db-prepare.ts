/**
 * `npm run db:prepare` (and compose's db-prepare job): for each service, the owner and app roles
 * and the database owned by the owner (ADR 17). The roles and passwords are those of the
 * services' own configuration (DATABASE_URL / MIGRATION_DATABASE_URL, or the base with
 * DATABASE_PASSWORD and MIGRATION_DATABASE_PASSWORD, and their <SERVICE>_ forms); it connects as
 * DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432), a role that may create roles
 * and databases. Idempotent.
 */
import { SERVICES } from '@upgrade-control/contracts';
import { DEFAULT_ADMIN_URL, redacted, roleOf } from '../config/database-urls.js';
import { loadServiceConfig } from '../config/service-config.js';
import { prepareServiceDatabase } from '../database/prepare-database.js';

export async function prepareDatabases(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const adminUrl = env.DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
  for (const service of SERVICES) {
    const config = loadServiceConfig(service, env, { serves: false });
    await prepareServiceDatabase(adminUrl, config);
    const [app, owner] = [roleOf(config.databaseUrl), roleOf(config.migrationDatabaseUrl)];
    const url = new URL(redacted(config.databaseUrl));
    out(`database ready: ${url.host}${url.pathname} (owner ${owner}, runtime role ${app})`);
  }
}

if (process.argv[1]?.endsWith('db-prepare.js')) {
  prepareDatabases(process.env, (line) => process.stdout.write(`${line}\n`)).catch((error: Error) => {
    console.error(`db:prepare failed: ${error.message}`);
    process.exit(1);
  });
}
