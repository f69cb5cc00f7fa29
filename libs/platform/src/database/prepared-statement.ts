import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface PreparedStatement {
  /** One name per SQL text: PostgreSQL keeps the parsed statement per connection under it. */
  name: string;
  text: string;
  values: unknown[];
}

/**
 * Runs a named, server-side prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call. TypeORM's query() cannot name a statement, so this goes to
 * the pg client underneath: the enclosing transaction's connection, or one from the pool.
 */
export async function queryPrepared<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  statement: PreparedStatement,
): Promise<T[]> {
  const transaction = manager?.queryRunner;
  if (transaction) {
    const client = (await transaction.connect()) as pg.PoolClient;
    return (await client.query<T & pg.QueryResultRow>(statement)).rows;
  }
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  return (await pool.query<T & pg.QueryResultRow>(statement)).rows;
}
