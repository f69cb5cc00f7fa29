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

  const sleep = (seconds: number) => ({ name: 'pipeline_sleep', text: 'SELECT pg_sleep($1)', values: [seconds] });

  /** The pipeline's backend once it runs pg_sleep: the statement in flight. */
  const sleeping = (name: string) =>
    eventually(
      async () =>
        (
          await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%pg_sleep%' AND state = 'active'",
            [name],
          )
        ).rows[0],
      10_000,
      'the pipeline running pg_sleep',
    );

  it('gathers what arrives while its connection is busy and commits it as one transaction', async () => {
    const name = uniqueName('busy');
    const { statements, writes } = pipeline(name);
    await statements.run(insert(40));
    const slow = statements.run(sleep(0.5));
    await sleeping(name);
    writes.count = 0;
    // Asked for in separate rounds of I/O while the one connection waits for PostgreSQL.
    const gathered: Promise<unknown>[] = [];
    for (const id of [41, 42, 43]) {
      gathered.push(statements.run(insert(id)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writes.count).toBe(0);
    await Promise.all([slow, ...gathered]);
    expect(writes.count).toBe(1);
    const { rows } = await admin.query('SELECT count(DISTINCT xmin::text) AS n FROM t WHERE id IN (41, 42, 43)');
    expect(Number(rows[0].n)).toBe(1);
    await statements.close();
  });

  it('fails every statement of a batch whose connection is lost before its commit, and writes none of them', async () => {
    const name = uniqueName('lost_mid_batch');
    const { statements } = pipeline(name);
    await statements.run(insert(50));
    // One batch, one transaction: 51, the sleep, 52, then COMMIT; the backend dies in the sleep.
    const batch = [statements.run(insert(51)), statements.run(sleep(30)), statements.run(insert(52))];
    const { pid } = (await sleeping(name))!;
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const results = await Promise.allSettled(batch);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // The transaction never committed: nothing of it is written, and nothing is retried blindly.
    expect(await ids(51, 52)).toEqual([]);
    await statements.run(insert(53));
    expect(await ids(50, 53)).toEqual([50, 53]);
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
