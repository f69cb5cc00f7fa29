import type { Socket } from 'node:net';
import type pg from 'pg';
import type { PreparedStatement } from './prepared-statement.js';

interface Waiting {
  statement: PreparedStatement;
  resolve: (rows: pg.QueryResultRow[]) => void;
  reject: (error: unknown) => void;
}

/** One connection of the pipeline; busy from the moment it takes a batch until the batch is answered. */
interface Lane {
  client: Promise<pg.Client>;
  busy: boolean;
  broken: boolean;
}

/** A batch is one transaction; this bounds how long it holds its rows' locks. */
const MAX_BATCH = 100;

/**
 * Group commit for statements that are each a transaction of their own (an append, ADR 41). What
 * is asked for while the connections are busy waits; a free connection takes all of it (up to
 * MAX_BATCH) as one transaction, written in one socket write: BEGIN, the statements, COMMIT. So
 * many commands share a socket write, a round trip and a WAL flush. When the COMMIT answers that
 * the transaction was rolled back (one statement was refused: a concurrent append, a guard), each
 * statement runs again on its own, so a refusal stays its own statement's and undoes nothing of
 * the others'. A lost connection fails its batch (whether the COMMIT happened is then unknown, as
 * for any statement whose answer is lost) and the next batch opens another connection.
 */
export class StatementPipeline {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly lanes: Lane[] = [];
  private closed = false;

  constructor(
    private readonly connect: () => pg.Client,
    /** Two batches in flight: one executes while the next is written; more only split the batches. */
    private readonly laneCount = 2,
  ) {}

  run<Row>(statement: PreparedStatement): Promise<Row[]> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<Row[]>((resolve, reject) => {
      this.waiting.push({ statement, resolve: resolve as Waiting['resolve'], reject });
      this.schedule();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map(async (lane) => (await lane.client.catch(() => null))?.end().catch(() => undefined)));
  }

  /** After the current round of I/O, so the statements of every request it carried go together. */
  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) {
      for (const item of this.waiting.splice(0)) item.reject(new Error('the database is closed'));
      return;
    }
    const lane = this.freeLane();
    if (!lane) return; // the busy lane that finishes first takes what waits
    const batch = this.waiting.splice(0, MAX_BATCH);
    lane.busy = true;
    void this.send(lane, batch).finally(() => {
      lane.busy = false;
      this.schedule();
    });
    this.schedule();
  }

  private async send(lane: Lane, batch: Waiting[]): Promise<void> {
    let client: pg.Client;
    try {
      client = await lane.client;
    } catch (error) {
      lane.broken = true;
      for (const item of batch) item.reject(error);
      return;
    }
    // An idle pipeline never holds the process open (a test that destroys only the DataSource).
    const socket = client.connection.stream as Socket;
    socket.ref();
    try {
      if (batch.length === 1) await settle(client, batch);
      else await this.inOneTransaction(client, batch);
    } finally {
      socket.unref();
    }
  }

  private async inOneTransaction(client: pg.Client, batch: Waiting[]): Promise<void> {
    // In this order on the wire: BEGIN, the statements, COMMIT.
    const [begin, answers, commit] = inOneWrite(
      client,
      () =>
        [client.query('BEGIN'), batch.map(({ statement }) => client.query(statement)), client.query('COMMIT')] as const,
    );
    // Every answer is awaited, so none of a rolled-back batch's refusals goes unhandled.
    const [committed] = await Promise.allSettled([commit, begin, ...answers]);
    // One statement was refused, so none was written: each runs again on its own.
    if (committed.status === 'fulfilled' && committed.value.command === 'ROLLBACK') return settle(client, batch);
    await answer(batch, answers, committed.status === 'rejected' ? committed.reason : undefined);
  }

  /** A lane not busy, opening one while fewer than laneCount; broken ones are dropped. */
  private freeLane(): Lane | undefined {
    for (let i = 0; i < this.lanes.length; i++) if (this.lanes[i]!.broken) this.lanes.splice(i--, 1);
    const free = this.lanes.find((lane) => !lane.busy);
    if (free || this.lanes.length >= this.laneCount) return free;
    const lane: Lane = { client: this.open(() => (lane.broken = true)), busy: false, broken: false };
    this.lanes.push(lane);
    return lane;
  }

  private async open(onBroken: () => void): Promise<pg.Client> {
    const client = this.connect();
    // A lost connection fails its unanswered statements (pg does) and the next batch opens another.
    client.on('error', onBroken);
    client.on('end', onBroken);
    await client.connect();
    (client.connection.stream as Socket).unref();
    return client;
  }
}

/** Each statement its own transaction, all in one write (pg's pipeline mode: a Sync after each). */
function settle(client: pg.Client, batch: Waiting[]): Promise<void> {
  return answer(
    batch,
    inOneWrite(client, () => batch.map(({ statement }) => client.query(statement))),
  );
}

/** Each query corks and uncorks the socket; the outer cork makes all of `write`'s queries one write. */
function inOneWrite<T>(client: pg.Client, write: () => T): T {
  client.connection.stream.cork();
  try {
    return write();
  } finally {
    client.connection.stream.uncork();
  }
}

/** Answers each waiting statement with its own result; `lost` (the connection's error) where it has none of its own. */
async function answer(batch: Waiting[], answers: Promise<pg.QueryResult>[], lost?: unknown): Promise<void> {
  const settled = await Promise.allSettled(answers);
  batch.forEach((item, i) => {
    const result = settled[i]!;
    if (result.status === 'rejected') item.reject(result.reason);
    else if (lost !== undefined) item.reject(lost);
    else item.resolve(result.value.rows);
  });
}
