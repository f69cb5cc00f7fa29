import pg from 'pg';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { flushDeferred } from './deferred-statements.js';
import type { PreparedStatement } from './prepared-statement.js';
import { StatementPipeline } from './statement-pipeline.js';

/**
 * An open transaction. Code outside `database/` and the services' `infrastructure/` only passes
 * it along: it is the handle that makes a projection, an inbox row and a reaction commit together.
 */
export type Transaction = EntityManager;
/** A schema migration (the services' read models and the platform's tables). */
export type Migration = MigrationInterface;
export type MigrationRunner = QueryRunner;
export type MigrationClass = new () => Migration;

/** Every row of a statement run in `tx`, for code that holds a transaction but not the Database. */
export function queryIn<Row>(tx: Transaction, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  return tx.query(sql, parameters) as Promise<Row[]>;
}

/**
 * The one way into PostgreSQL: a pool, transactions, named prepared statements and typed rows.
 * Rows come back as the caller's row type; SQL aliases (`AS "camelCase"`) map columns to fields.
 */
export class Database {
  /** Callbacks waiting for a transaction's outermost COMMIT, by the transaction's connection. */
  private readonly awaitingCommit = new WeakMap<QueryRunner, Set<() => void>>();
  private watchingCommits = false;
  private pipelined?: StatementPipeline;

  constructor(readonly dataSource: DataSource) {}

  /** Every row of a statement, in the caller's transaction when given. */
  query<Row>(sql: string, parameters: unknown[] = [], tx?: Transaction): Promise<Row[]> {
    return queryIn<Row>(tx ?? this.dataSource.manager, sql, parameters);
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
   * transaction's connection, or, on its own, the pipeline (ADR 41).
   */
  async prepared<Row>(statement: PreparedStatement, tx?: Transaction): Promise<Row[]> {
    const transaction = tx?.queryRunner;
    if (transaction) {
      // What the transaction holds back is written first: this statement must see it (ADR 39).
      await flushDeferred(tx);
      const client = (await transaction.connect()) as pg.PoolClient;
      return (await client.query<Row & pg.QueryResultRow>(statement)).rows;
    }
    return this.pipeline().run<Row>(statement);
  }

  /**
   * Runs `callback` once `tx` has committed: after its outermost COMMIT (TypeORM also reports a
   * released savepoint), never when it rolls back. The same callback registered twice runs once.
   */
  afterCommit(tx: Transaction, callback: () => void): void {
    this.watchCommits();
    const runner = tx.queryRunner!;
    const callbacks = this.awaitingCommit.get(runner) ?? new Set();
    callbacks.add(callback);
    this.awaitingCommit.set(runner, callbacks);
  }

  /** A NOTIFY on `channel`, sent on its own (never inside a write transaction, see ADR 7). */
  async notify(channel: string): Promise<void> {
    await this.query(`SELECT pg_notify($1, '')`, [channel]);
  }

  /** Closes the pipeline's connections (after their statements are answered) and the pool, if open. */
  async close(): Promise<void> {
    await this.pipelined?.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Whether `tx` is a transaction still open (a consumer's, a command's). */
  static isOpen(tx: Transaction | undefined): boolean {
    return tx?.queryRunner?.isTransactionActive === true;
  }

  private watchCommits(): void {
    if (this.watchingCommits) return;
    this.watchingCommits = true;
    this.dataSource.subscribers.push({
      afterTransactionCommit: ({ queryRunner }) => {
        if (queryRunner.isTransactionActive) return;
        const callbacks = this.awaitingCommit.get(queryRunner);
        if (!callbacks) return;
        this.awaitingCommit.delete(queryRunner);
        for (const callback of callbacks) callback();
      },
    });
  }

  /** Connections of their own, as the pool's are made: same server, role and session settings. */
  private pipeline(): StatementPipeline {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    const extra = (options.extra ?? {}) as { application_name?: string; options?: string };
    this.pipelined ??= new StatementPipeline(
      () =>
        new pg.Client({
          connectionString: options.url,
          host: options.host,
          port: options.port,
          user: options.username,
          password: typeof options.password === 'string' ? options.password : undefined,
          database: options.database,
          application_name: extra.application_name,
          options: extra.options,
          pipeline: true,
        }),
    );
    return this.pipelined;
  }
}
