import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../nest/tokens.js';
import { openServiceDataSource } from './data-source.js';
import { Database, type MigrationClass } from './database.js';
import { ensureDatabase } from './ensure-database.js';

/**
 * A service's database for Nest, created if missing and migrated at start: the Database seam,
 * and the TypeORM DataSource under it, which services' migrations and infrastructure still inject.
 */
export function databaseProviders(migrations: MigrationClass[]): Provider[] {
  return [
    {
      provide: DataSource,
      inject: [SERVICE_CONFIG],
      useFactory: async (c: ServiceConfig) => {
        await ensureDatabase(c.databaseUrl);
        return openServiceDataSource(c.databaseUrl, migrations);
      },
    },
    { provide: Database, inject: [DataSource], useFactory: (ds: DataSource) => new Database(ds) },
  ];
}

/** The tokens databaseProviders provides, for a module's exports. */
export const DATABASE_TOKENS = [DataSource, Database];
