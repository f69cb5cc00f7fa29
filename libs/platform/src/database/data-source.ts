import { DataSource, type MigrationInterface } from 'typeorm';
import { EventHeadGuard1764200000000 } from './event-head-guard-migration.js';
import { EventPlatform1764000000000 } from './event-platform-migration.js';

type MigrationClass = new () => MigrationInterface;

/** A service's own database: the event platform's tables first, then the service's migrations. */
export function createServiceDataSource(url: string, migrations: MigrationClass[] = [], poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [EventPlatform1764000000000, EventHeadGuard1764200000000, ...migrations],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'upgrade-control' },
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
  return dataSource;
}
