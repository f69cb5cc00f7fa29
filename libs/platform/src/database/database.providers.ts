import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../nest/tokens.js';
import { openServiceDataSourceAs } from './data-source.js';
import { Database, type MigrationClass } from './database.js';
import { ensureDatabase } from './ensure-database.js';
import { assertLeastPrivilege } from './runtime-role.js';

/**
 * A service's database for Nest, created if missing (with one role for both) and migrated
 * at start as the owner: the Database seam, and the TypeORM DataSource under it (the runtime
 * role), which services' migrations and infrastructure still inject. Outside development the
 * runtime role must be least-privileged, or the service does not start (ADR 17).
 */
export function databaseProviders(migrations: MigrationClass[]): Provider[] {
  return [
    {
      provide: DataSource,
      inject: [SERVICE_CONFIG],
      useFactory: async (c: ServiceConfig) => {
        // With one role for both (development), created here as before; otherwise db:prepare made it.
        if (c.migrationDatabaseUrl === c.databaseUrl) await ensureDatabase(c.databaseUrl);
        const dataSource = await openServiceDataSourceAs(c, migrations);
        if (!c.development)
          await assertLeastPrivilege(new Database(dataSource), c.service, c.databaseUrl).catch(async (error) => {
            await dataSource.destroy();
            throw error;
          });
        return dataSource;
      },
    },
    { provide: Database, inject: [DataSource], useFactory: (ds: DataSource) => new Database(ds) },
  ];
}

/** The tokens databaseProviders provides, for a module's exports. */
export const DATABASE_TOKENS = [DataSource, Database];
