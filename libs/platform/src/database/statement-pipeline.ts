import type { Socket } from 'node:net';
import type pg from 'pg';
import type { PreparedStatement } from './prepared-statement.js';

interface Waiting {
  statement: PreparedStatement;
  resolve: (rows: pg.QueryResultRow[]) => void;
  reject: (error: unknown) => void;
}

/** One connection of the pipeline and how many of its statements are still unanswered. */
interface Lane {
  client: Promise<pg.Client>;
  unanswered: number;
  broken: boolean;
}

/**
 * Statements that need no transaction of their own beyond the one PostgreSQL gives each (an
 * append), sent pipelined (ADR 41): everything asked for while the event loop handles one round of
 * I/O is written to one connection in a single socket write, each statement with its own Sync, so
 * each is still its own transaction, answered, committed or refused on its own, in order. On this
 * machine a socket write to PostgreSQL costs a command more than its SQL does; one write for many
 * commands, and none of the pool's check-out and check-in, is what a command saves.
 */
export class StatementPipeline {
  private waiting: Waiting[] = [];
  private flushing = false;
  private readonly lanes: Lane[] = [];
  private closed = false;

  constructor(
    private readonly connect: () => pg.Client,
    /** Two: a statement stuck behind a lock holds up only its own lane's followers (the least busy lane takes new work). */
    private readonly laneCount = 2,
  ) {}

  run<Row>(statement: PreparedStatement): Promise<Row[]> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<Row[]>((resolve, reject) => {
      this.waiting.push({ statement, resolve: resolve as Waiting['resolve'], reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the current round of I/O: the statements of every request it carried go together.
        setImmediate(() => void this.flush());
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map(async (lane) => (await lane.client.catch(() => null))?.end().catch(() => undefined)));
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = false;
    if (this.closed) {
      for (const item of batch) item.reject(new Error('the database is closed'));
      return;
    }
    const lane = this.lane();
    let client: pg.Client;
    try {
      client = await lane.client;
    } catch (error) {
      lane.broken = true;
      for (const item of batch) item.reject(error);
      return;
    }
    // An idle pipeline never holds the process open (a test that destroys only the DataSource).
    if (lane.unanswered === 0) socketOf(client).ref();
    lane.unanswered += batch.length;
    const answered = () => {
      if (--lane.unanswered === 0) socketOf(client).unref();
    };
    // Each query corks and uncorks the socket; the outer cork makes all of them one write.
    client.connection.stream.cork();
    try {
      for (const { statement, resolve, reject } of batch)
        client.query(statement).then(
          (result) => (answered(), resolve(result.rows)),
          (error: unknown) => (answered(), reject(error)),
        );
    } finally {
      client.connection.stream.uncork();
    }
  }

  /** The lane with the fewest statements unanswered; a broken one is replaced. */
  private lane(): Lane {
    for (let i = 0; i < this.lanes.length; i++) if (this.lanes[i]!.broken) this.lanes.splice(i--, 1);
    if (this.lanes.length < this.laneCount) {
      const lane: Lane = { client: this.open(() => (lane.broken = true)), unanswered: 0, broken: false };
      this.lanes.push(lane);
      return lane;
    }
    return this.lanes.reduce((a, b) => (b.unanswered < a.unanswered ? b : a));
  }

  private async open(onBroken: () => void): Promise<pg.Client> {
    const client = this.connect();
    // A lost connection fails its unanswered statements (pg does) and the next flush opens another.
    client.on('error', onBroken);
    client.on('end', onBroken);
    await client.connect();
    socketOf(client).unref();
    return client;
  }
}

const socketOf = (client: pg.Client) => client.connection.stream as Socket;
