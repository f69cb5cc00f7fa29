import type pg from 'pg';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { PreparedStatement } from './prepared-statement.js';

/**
 * An open transaction. Code outside `database/` and the services' `infrastructure/` only passes
 * it along: it is the handle that makes a projection, an inbox row and a reaction commit together.
 */
export type Transaction = EntityManager;
/** A schema migration (the services' read models and the platform's tables). */
export type Migration = MigrationInterface;
export type MigrationRunner = QueryRunner;
export type MigrationClass = new () => Migration;

/**
 * The one way into PostgreSQL: a pool, transactions, named prepared statements and typed rows.
 * Rows come back as the caller's row type; SQL aliases (`AS "camelCase"`) map columns to fields.
 */
export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** Every row of a statement, in the caller's transaction when given. */
  query<Row>(sql: string, parameters: unknown[] = [], tx?: Transaction): Promise<Row[]> {
    return (tx ?? this.dataSource.manager).query(sql, parameters) as Promise<Row[]>;
  }

  /** The first row, or null. */
  async one<Row>(sql: string, parameters: unknown[] = [], tx?: Transaction): Promise<Row | null> {
    const [row] = await this.query<Row>(sql, parameters, tx);
    return row ?? null;
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * A named, server-side prepared statement: PostgreSQL parses and plans it once per connection.
   * TypeORM's query() cannot name a statement, so this goes to the pg client underneath: the
   * transaction's connection, or one from the pool.
   */
  async prepared<Row>(statement: PreparedStatement, tx?: Transaction): Promise<Row[]> {
    const transaction = tx?.queryRunner;
    if (transaction) {
      const client = (await transaction.connect()) as pg.PoolClient;
      return (await client.query<Row & pg.QueryResultRow>(statement)).rows;
    }
    return (await this.pool().query<Row & pg.QueryResultRow>(statement)).rows;
  }

  /** Whether `tx` is a transaction still open (a consumer's, a command's). */
  static isOpen(tx: Transaction | undefined): boolean {
    return tx?.queryRunner?.isTransactionActive === true;
  }

  private pool(): pg.Pool {
    return (this.dataSource.driver as unknown as { master: pg.Pool }).master;
  }
}
