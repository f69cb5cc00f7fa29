import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { sealEnvelope, upcast, type Actor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { checkPayload, currentDefinition } from '@upgrade-control/contracts';
import { CommitSignal } from './commit-signal.js';
import { ConcurrencyError } from './concurrency-error.js';
import { ContractViolationError } from './contract-violation.js';
import { DecidedStreams } from './decided-streams.js';
import { queryPrepared } from '../database/prepared-statement.js';
import { HEAD_MOVED } from '../database/event-head-guard-migration.js';
import type { ProjectionStatement, StatementProjection } from './statement-projection.js';
import { EVENT_COLUMNS, rowToEnvelope, type EventRow } from './event-row.js';
import { DEFAULT_EVENT_MAX_BYTES, refuseOversized } from './event-too-large.js';

/** Who and why: what every appended event records besides its payload. */
export interface AppendContext {
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  now: Date;
  traceparent?: string | null;
}

export interface NewEvent {
  type: string;
  payload: unknown;
}

/** The head of a stream as the caller read it: appending after it needs no second read. */
export interface StreamHead {
  version: number;
  hash: string;
}

/**
 * 'no-stream' for a new stream, a number for optimistic concurrency, the head the caller read
 * (same check, one round trip fewer), 'any' to skip the check.
 */
export type ExpectedVersion = number | StreamHead | 'no-stream' | 'any';

export interface AppendResult {
  streamVersion: number;
  events: EventEnvelope[];
}

export const EVENTS_NOTIFY_CHANNEL = 'upgrade_control_events';

/** A read model kept in step with the store: runs in the append's transaction. */
export type InlineProjection = (events: EventEnvelope[], tx: EntityManager) => Promise<void>;

type Head = { version: number; hash: string | null };

/** An append once sealed: its events and every read-model change that must commit with them. */
interface Write {
  head: Head;
  sealed: EventEnvelope[];
  /** The events upcast to current schemas, as projections see them. */
  current: EventEnvelope[];
  traceparent: string | null;
  /** Read-model statements written by the INSERT itself. */
  inInsert: ProjectionStatement[];
  /** Read-model statements run after the INSERT, in the same transaction. */
  afterInsert: ProjectionStatement[];
}

/**
 * Append-only PostgreSQL event store with a per-stream SHA-256 hash chain. The events table is
 * also the outbox: the relay publishes from it, so an accepted event cannot be lost between the
 * database and Kafka.
 */
export class EventStore {
  private readonly projections: InlineProjection[] = [];
  private readonly statementProjections: StatementProjection[] = [];
  /** Rung after every commit that added events; the outbox relay listens. */
  readonly commits: CommitSignal;
  private readonly awaitingCommit = new WeakSet<QueryRunner>();
  /** The states handleCommand last decided on, so hot streams are not read before every command. */
  readonly decided = new DecidedStreams();

  constructor(
    private readonly dataSource: DataSource,
    readonly producer: ServiceName,
    /** No event whose Kafka record exceeds this is accepted: the broker would refuse it (EVENT_MAX_BYTES). */
    private readonly maxEventBytes = DEFAULT_EVENT_MAX_BYTES,
  ) {
    this.commits = new CommitSignal(() => dataSource.query(`SELECT pg_notify($1, '')`, [EVENTS_NOTIFY_CHANNEL]));
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        // TypeORM also reports a released savepoint; only the outermost COMMIT makes events visible.
        if (!queryRunner.isTransactionActive && this.awaitingCommit.delete(queryRunner)) this.commits.committed();
      },
    };
    dataSource.subscribers.push(subscriber);
  }

  /** Projections updated atomically with every append (and so never behind a command's reply). */
  addInlineProjection(projection: InlineProjection): void {
    this.projections.push(projection);
  }

  /** Like an inline projection, but as statements the append can write in its own INSERT (ADR 9). */
  addStatementProjection(projection: StatementProjection): void {
    this.statementProjections.push(projection);
  }

  /**
   * Appends in the caller's transaction when one is given (so a projection or inbox row commits
   * with the events), else atomically on its own. A single event and its read-model statements are
   * one INSERT (the statements ride along in it); more events, or inline projections, open a
   * transaction.
   * The INSERT must be the transaction's first write: the relay orders by transaction id, which
   * PostgreSQL assigns at the first write.
   */
  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    manager?: EntityManager,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const head = await this.expectedHead(streamId, expectedVersion, manager ?? this.dataSource.manager);
    const sealed = this.seal(streamId, head, events, context);
    refuseOversized(sealed, context.traceparent ?? null, this.maxEventBytes);
    const current = sealed.map((e) => upcast(e));
    const statements = current.flatMap((e) => this.statementProjections.flatMap((project) => project(e)));
    // One event's statements touch different rows (StatementProjection), so they can share its INSERT.
    const oneEvent = sealed.length === 1;
    const write: Write = {
      head,
      sealed,
      current,
      traceparent: context.traceparent ?? null,
      inInsert: oneEvent ? statements : [],
      afterInsert: oneEvent ? [] : statements,
    };
    if (!manager && (this.projections.length > 0 || write.afterInsert.length > 0))
      return this.dataSource.transaction((tx) => this.write(write, tx));
    return this.write(write, manager);
  }

  private async write(write: Write, manager: EntityManager | undefined): Promise<AppendResult> {
    const { head, sealed } = write;
    const streamId = sealed[0]!.streamId;
    const transaction = manager?.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
    if (!(await this.insertAfter(write, manager))) {
      // A refused INSERT aborts the transaction it ran in, which can then answer nothing more.
      const actual = transaction ? null : await this.currentVersion(streamId, this.dataSource.manager);
      throw new ConcurrencyError(streamId, head.version, actual);
    }
    for (const statement of write.afterInsert) await manager!.query(statement.sql, statement.parameters);
    for (const projection of this.projections) await projection(write.current, manager!);
    if (transaction) this.awaitingCommit.add(transaction);
    else this.commits.committed();
    return { streamVersion: head.version + sealed.length, events: sealed };
  }

  private async expectedHead(streamId: string, expected: ExpectedVersion, runner: EntityManager): Promise<Head> {
    if (expected === 'no-stream' || expected === 0) return { version: 0, hash: null };
    if (typeof expected === 'object') return expected;
    if (expected === 'any') {
      const [head] = (await runner.query(
        'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
        [streamId],
      )) as { stream_version: number; hash: string }[];
      return { version: head?.stream_version ?? 0, hash: head?.hash ?? null };
    }
    const [row] = (await runner.query('SELECT hash FROM events WHERE stream_id = $1 AND stream_version = $2', [
      streamId,
      expected,
    ])) as { hash: string }[];
    if (!row) throw new ConcurrencyError(streamId, expected, await this.currentVersion(streamId, runner));
    return { version: expected, hash: row.hash };
  }

  private seal(streamId: string, head: Head, events: NewEvent[], context: AppendContext): EventEnvelope[] {
    let prevHash = head.hash;
    return events.map((event, i) => {
      const schemaVersion = currentDefinition(event.type)?.schemaVersion ?? 0;
      // Nothing leaves the service that breaks its own published contract.
      const check = checkPayload(event.type, schemaVersion, event.payload);
      if (!check.ok) throw new ContractViolationError(event.type, check.issues, check.message);
      const envelope = sealEnvelope({
        eventId: uuidv7(),
        type: event.type,
        schemaVersion,
        streamId,
        streamVersion: head.version + i + 1,
        occurredAt: context.now.toISOString(),
        producer: this.producer,
        correlationId: context.correlationId,
        causationId: context.causationId,
        actor: context.actor,
        payload: event.payload as Record<string, unknown>,
        prevHash,
      });
      prevHash = envelope.hash;
      return envelope;
    });
  }

  /**
   * One statement that checks, writes the events and, when there is one, the read-model change.
   * False when another writer got there first: the unique (stream_id, stream_version) key refuses
   * a version already taken, and the head guard refuses events chained to a head that is gone.
   */
  private async insertAfter(write: Write, manager: EntityManager | undefined): Promise<boolean> {
    const { head, sealed, inInsert } = write;
    const values = sealed.flatMap((e) => eventRowValues(e, write.traceparent));
    if (head.hash !== null) values.push(sealed[0]!.streamId, head.version, head.hash);
    for (const statement of inInsert) values.push(...statement.parameters);
    try {
      await queryPrepared(this.dataSource, manager, {
        ...appendStatement(sealed.length, head.hash !== null, inInsert),
        values,
      });
      return true;
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if ((code === '23505' && constraint === 'events_stream_version_unique') || code === HEAD_MOVED) return false;
      throw error;
    }
  }

  private async currentVersion(streamId: string, runner: EntityManager): Promise<number> {
    const [row] = (await runner.query(
      'SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
      [streamId],
    )) as { version: number }[];
    return row!.version;
  }

  /** The stream as stored, for verification and export. */
  async readStreamRaw(streamId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    const rows = await queryPrepared<EventRow>(this.dataSource, manager, {
      name: 'uc_read_stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      values: [streamId],
    });
    return rows.map(rowToEnvelope);
  }

  /** The stream upcast to current schema versions, for deciders and projections. */
  async readStream(streamId: string, manager?: EntityManager): Promise<EventEnvelope[]> {
    return (await this.readStreamRaw(streamId, manager)).map((e) => upcast(e));
  }

  /** Every event of one upgrade (correlation id) in global order. */
  async readCorrelated(correlationId: string): Promise<EventEnvelope[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE correlation_id = $1 ORDER BY position`,
      [correlationId],
    )) as EventRow[];
    return rows.map(rowToEnvelope);
  }

  /** Pages through the whole log in global position order (projection rebuilds, verification). */
  async *readAll(batchSize = 5000): AsyncGenerator<EventEnvelope[]> {
    let after = '0';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, batchSize],
      )) as EventRow[];
      if (rows.length === 0) return;
      yield rows.map(rowToEnvelope);
      after = rows[rows.length - 1]!.position;
    }
  }
}

/** The columns an append writes, in the order of eventRowValues. */
export const INSERTED_COLUMNS =
  'event_id, stream_id, stream_version, type, schema_version, occurred_at, producer, correlation_id, causation_id, actor, payload, prev_hash, hash, traceparent';
const ROW_PARAMETERS = [
  'uuid',
  'text',
  'int',
  'text',
  'int',
  'timestamptz',
  'text',
  'text',
  'text',
  'jsonb',
  'jsonb',
  'text',
  'text',
  'text',
];
const valueRows = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `(${ROW_PARAMETERS.map((cast, j) => `$${i * ROW_PARAMETERS.length + j + 1}::${cast}`)})`,
  ).join(', ');

/**
 * The append as one prepared statement, per number of events, guard and read-model statements. A
 * new stream needs no guard beyond the unique key; after an existing head, `events_expect_head`
 * raises unless the event the new ones were chained to is there with that hash. Read-model
 * statements run as data-modifying CTEs of the same statement, their parameters after the INSERT's.
 */
function appendStatement(count: number, guarded: boolean, inInsert: ProjectionStatement[]) {
  const key = [count, guarded, ...inInsert.map((p) => `${p.parameters.length}:${p.sql}`)].join('\u0000');
  let statement = appendStatements.get(key);
  if (!statement) {
    let parameters = count * ROW_PARAMETERS.length;
    const insert = guarded
      ? `INSERT INTO events (${INSERTED_COLUMNS}) SELECT * FROM (VALUES ${valueRows(count)}) AS e
         WHERE (SELECT events_expect_head($${parameters + 1}, $${parameters + 2}, $${parameters + 3}))`
      : `INSERT INTO events (${INSERTED_COLUMNS}) VALUES ${valueRows(count)}`;
    if (guarded) parameters += 3;
    const projected = inInsert.map((p, i) => {
      const cte = `projected_${i + 1} AS (${shiftParameters(p.sql, parameters)})`;
      parameters += p.parameters.length;
      return cte;
    });
    const text = projected.length
      ? `WITH appended AS (${insert} RETURNING position), ${projected.join(', ')} SELECT position FROM appended`
      : insert;
    statement = { name: `uc_append_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
    appendStatements.set(key, statement);
  }
  return statement;
}
const appendStatements = new Map<string, { name: string; text: string }>();

/** `$1` becomes `$(1 + by)`: projection SQL is our own code and has no `$<digit>` in literals. */
const shiftParameters = (sql: string, by: number) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);

/** Parameters in INSERTED_COLUMNS order; plain VALUES parse faster than a JSON recordset. */
export function eventRowValues(e: EventEnvelope, traceparent: string | null): unknown[] {
  return [
    e.eventId,
    e.streamId,
    e.streamVersion,
    e.type,
    e.schemaVersion,
    e.occurredAt,
    e.producer,
    e.correlationId,
    e.causationId,
    JSON.stringify(e.actor),
    JSON.stringify(e.payload),
    e.prevHash,
    e.hash,
    traceparent,
  ];
}
