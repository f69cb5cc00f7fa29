import type { MigrationClass, MigrationRunner } from './database.js';

/** A migration's SQL statements, each one query, run in the order given. */
export interface SqlMigrationSteps {
  up: readonly string[];
  down: readonly string[];
}

/**
 * A migration that runs SQL statements one after the other. TypeORM records a migration under its
 * `name` property and orders by the timestamp that ends it, so `name` must stay the published one;
 * the class is named the same for its messages.
 */
export function sqlMigration(migrationName: string, steps: SqlMigrationSteps): MigrationClass {
  const migration = class {
    name = migrationName;

    async up(q: MigrationRunner): Promise<void> {
      for (const statement of steps.up) await q.query(statement);
    }

    async down(q: MigrationRunner): Promise<void> {
      for (const statement of steps.down) await q.query(statement);
    }
  };
  Object.defineProperty(migration, 'name', { value: migrationName });
  return migration;
}
