import pg from 'pg';
import { StatementPipeline } from '@upgrade-control/platform';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';

// ADR 41: statements that are each a transaction of their own (appends) are committed in groups:
// what waits when a connection comes free goes to PostgreSQL as one transaction in one socket
// write, and a refused statement is refused alone. These run against the real server.

const insert = (id: number) => ({ name: 'pipeline_insert', text: 'INSERT INTO t (id) VALUES ($1)', values: [id] });

describe('statement pipeline', () => {
  let db: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await freshDatabase('pipeline');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE t (id int PRIMARY KEY)');
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  /** A pipeline of one connection, named so the test can find its backend, counting its socket writes. */
  function pipeline(name: string) {
    const writes = { count: 0 };
    const statements = new StatementPipeline(() => {
      const client = new pg.Client({ connectionString: db.url, application_name: name, pipeline: true });
      const stream = client.connection.stream as unknown as Record<'_write' | '_writev', (...a: unknown[]) => void>;
      for (const method of ['_write', '_writev'] as const) {
        const write = stream[method].bind(stream);
        stream[method] = (...args: unknown[]) => (writes.count++, write(...args));
      }
      return client;
    }, 1);
    return { statements, writes };
  }

  const backends = async (name: string) =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [name])).rows;

  const ids = async (from: number, to: number) =>
    (await admin.query('SELECT id FROM t WHERE id BETWEEN $1 AND $2 ORDER BY id', [from, to])).rows.map((r) => r.id);

  it('writes what one round of I/O asks for at once, as one transaction', async () => {
    const { statements, writes } = pipeline(uniqueName('one_write'));
    await statements.run(insert(1)); // connects, and prepares the statement
    writes.count = 0;
    await Promise.all([2, 3, 4].map((id) => statements.run(insert(id))));
    expect(writes.count).toBe(1);
    // One transaction wrote all three rows: one commit, one WAL flush.
    const { rows } = await admin.query('SELECT count(DISTINCT xmin::text) AS n FROM t WHERE id IN (2, 3, 4)');
    expect(Number(rows[0].n)).toBe(1);
    expect(await ids(1, 4)).toEqual([1, 2, 3, 4]);
    await statements.close();
  });

  it('refuses a statement of a batch on its own, and writes the others', async () => {
    const { statements } = pipeline(uniqueName('refused'));
    await statements.run(insert(5));
    const results = await Promise.allSettled([6, 7, 5, 8].map((id) => statements.run(insert(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505', constraint: 't_pkey' });
    expect(await ids(5, 8)).toEqual([5, 6, 7, 8]);
    await statements.close();
  });

  it('opens another connection after losing one, and runs what comes next on it', async () => {
    const name = uniqueName('lost');
    const { statements } = pipeline(name);
    await statements.run(insert(10));
    const [before] = await backends(name);
    await admin.query('SELECT pg_terminate_backend($1)', [before!.pid]);
    await eventually(
      () =>
        statements.run(insert(11)).then(
          () => true,
          () => false,
        ),
      10_000,
      'a statement after the loss',
    );
    const after = await backends(name);
    expect(after).toHaveLength(1);
    expect(after[0]!.pid).not.toBe(before!.pid);
    expect((await admin.query('SELECT id FROM t WHERE id IN (10, 11) ORDER BY id')).rows.map((r) => r.id)).toEqual([
      10, 11,
    ]);
    await statements.close();
  });

  it('ends its connections when closed and refuses statements after that', async () => {
    const name = uniqueName('closed');
    const { statements } = pipeline(name);
    await statements.run(insert(20));
    await statements.close();
    await eventually(async () => (await backends(name)).length === 0, 10_000, 'the connection ended');
    await expect(statements.run(insert(21))).rejects.toThrow('the database is closed');
  });
});
