import { DataSource } from 'typeorm';
import { ConfigError } from '../config/config-error.js';
import { roleOf } from '../config/database-urls.js';
import { Database, type MigrationClass } from './database.js';
import { EventHeadGuard1764200000000 } from './event-head-guard-migration.js';
import { EventPlatform1764000000000 } from './event-platform-migration.js';
import { ConsumedLinks1764619000000 } from './consumed-links-migration.js';
import { IdempotencyKeys1765300000000 } from './idempotency-keys-migration.js';
import { RelayLiveness1764400000000 } from './relay-liveness-migration.js';
import { rebaseRelaysAfterRestore } from './relay-rebase.js';
import { grantRuntimeAccess } from './runtime-grants.js';

/** A service's own database: the event platform's tables first, then the service's migrations. */
export function createServiceDataSource(url: string, migrations: MigrationClass[] = [], poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [
      EventPlatform1764000000000,
      EventHeadGuard1764200000000,
      RelayLiveness1764400000000,
      ConsumedLinks1764619000000,
      IdempotencyKeys1765300000000,
      ...migrations,
    ],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'upgrade-control', options: sessionOptions() },
  });
}

export async function openServiceDataSource(
  url: string,
  migrations: MigrationClass[] = [],
  poolSize?: number,
): Promise<DataSource> {
  const dataSource = createServiceDataSource(url, migrations, poolSize);
  await dataSource.initialize();
  await dataSource.runMigrations();
  // Before anything of this process can write: a restore is told apart from new writes exactly.
  await rebaseRelaysAfterRestore(dataSource);
  return dataSource;
}

/** A service's runtime connection and the one its migrations run as (ADR 17). */
export interface ServiceDatabaseUrls {
  databaseUrl: string;
  migrationDatabaseUrl: string;
}

/**
 * Migrates as the owner, grants the runtime role its share and re-bases the relays, then closes
 * that connection and opens the runtime pool, which runs no DDL. With one URL for both (a
 * development setting), the same as openServiceDataSource.
 */
export async function openServiceDataSourceAs(
  urls: ServiceDatabaseUrls,
  migrations: MigrationClass[] = [],
  poolSize?: number,
): Promise<DataSource> {
  if (urls.migrationDatabaseUrl === urls.databaseUrl)
    return openServiceDataSource(urls.databaseUrl, migrations, poolSize);
  await migrateServiceDatabase(urls.migrationDatabaseUrl, roleOf(urls.databaseUrl), migrations);
  const dataSource = createServiceDataSource(urls.databaseUrl, [], poolSize);
  await dataSource.initialize();
  return dataSource;
}

/**
 * Runs the migrations as the owner and grants `appRole` what the runtime needs. The relays are
 * re-based here too: that locks `events` in SHARE mode, which only the owner may.
 */
export async function migrateServiceDatabase(
  migrationUrl: string,
  appRole: string | null,
  migrations: MigrationClass[] = [],
): Promise<void> {
  const owner = createServiceDataSource(migrationUrl, migrations, 2);
  await owner.initialize().catch((error: { code?: string }) => {
    if (error.code !== '3D000') throw error;
    throw new ConfigError(
      `database ${new URL(migrationUrl).pathname.slice(1)} does not exist: create it and its roles with \`npm run db:prepare\` (ADR 17)`,
    );
  });
  try {
    await owner.runMigrations();
    if (appRole && appRole !== roleOf(migrationUrl))
      await owner.transaction(async (tx) => {
        // Replicas starting together would otherwise race on the same catalog rows.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['uc_runtime_grants']);
        await grantRuntimeAccess(tx, appRole);
      });
    await rebaseRelaysAfterRestore(owner);
  } finally {
    await owner.destroy();
  }
}

/** The same, behind the one database seam. */
export async function openServiceDatabase(
  url: string,
  migrations: MigrationClass[] = [],
  poolSize?: number,
): Promise<Database> {
  return new Database(await openServiceDataSource(url, migrations, poolSize));
}

/** A service's database as it is, without running migrations (e.g. a live one to compare with). */
export async function connectServiceDatabase(url: string, poolSize?: number): Promise<Database> {
  const dataSource = createServiceDataSource(url, [], poolSize);
  await dataSource.initialize();
  return new Database(dataSource);
}

/**
 * Settings of every service session. A transaction left idle holds the relay's commit horizon
 * back; the server ends it after this long (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, 0 = never).
 */
export const sessionOptions = (env: NodeJS.ProcessEnv = process.env): string =>
  `-c idle_in_transaction_session_timeout=${Number(env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 60_000)}`;
