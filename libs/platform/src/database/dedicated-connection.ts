import pg from 'pg';
import { sessionOptions } from './data-source.js';
import type { PreparedStatement } from './prepared-statement.js';

/**
 * A connection of its own, outside the pool, for a session that must last: the outbox relay's,
 * which holds its advisory lock for as long as it lives and LISTENs for commits.
 */
export class DedicatedConnection {
  private constructor(private readonly client: pg.Client) {}

  /** `onNotification` runs on every NOTIFY of a channel this connection listens to. */
  static async open(url: string, applicationName: string, onNotification: () => void): Promise<DedicatedConnection> {
    const client = new pg.Client({
      connectionString: url,
      application_name: applicationName,
      // The relay reads a few rows at a time by index. On a log the planner has no statistics of
      // yet (a new database before autovacuum's first ANALYZE) it guessed a third of the table
      // for the lag count and started two parallel workers every second: 13 ms instead of 0.2.
      options: `${sessionOptions()} -c max_parallel_workers_per_gather=0`,
    });
    client.on('error', () => undefined); // surfaced by the next query instead
    client.on('notification', onNotification);
    await client.connect();
    return new DedicatedConnection(client);
  }

  async query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    return (await this.client.query<Row & pg.QueryResultRow>(sql, parameters)).rows;
  }

  async prepared<Row>(statement: PreparedStatement): Promise<Row[]> {
    return (await this.client.query<Row & pg.QueryResultRow>(statement)).rows;
  }

  async listen(channel: string): Promise<void> {
    await this.client.query(`LISTEN ${channel}`);
  }

  /** A session-level advisory lock on `key`, held until this connection closes; false if another holds it. */
  async tryAdvisoryLock(key: string): Promise<boolean> {
    const [row] = await this.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
    return row?.locked === true;
  }

  /** Ends the session (and so releases its locks); never throws. */
  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
