import { upcast, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import { Database, type Transaction } from '../database/database.js';
import { AppendInBatch, isBatch } from '../database/batch-transaction.js';
import { HEAD_MOVED } from '../database/event-head-guard-migration.js';
import { appendStatement } from './append-statement.js';
import { CommitSignal, EVENTS_NOTIFY_CHANNEL } from './commit-signal.js';
import { ConcurrencyError } from './concurrency-error.js';
import * as reads from './event-reads.js';
import {
  EventStore,
  type AppendContext,
  type AppendResult,
  type ExpectedVersion,
  type InlineProjection,
  type NewEvent,
} from './event-store.js';
import { DEFAULT_EVENT_MAX_BYTES } from './event-too-large.js';
import { sealEvents, type Head } from './sealing.js';
import { stateStatements, type StateBefore, type StateProjection } from './state-projection.js';
import type { ProjectionStatement, StatementProjection } from './statement-projection.js';
import { currentVersion, expectedHead } from './stream-head.js';

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
export class PostgresEventStore extends EventStore {
  private readonly projections: InlineProjection[] = [];
  private readonly statementProjections: StatementProjection[] = [];
  private readonly stateProjections: StateProjection[] = [];
  /** Rung after every commit that added events; the outbox relay listens. */
  readonly commits: CommitSignal;
  private readonly committed = () => this.commits.committed();

  constructor(
    private readonly db: Database,
    producer: ServiceName,
    /** No event whose Kafka record exceeds this is accepted: the broker would refuse it (EVENT_MAX_BYTES). */
    private readonly maxEventBytes = DEFAULT_EVENT_MAX_BYTES,
  ) {
    super(producer);
    this.commits = new CommitSignal(() => db.notify(EVENTS_NOTIFY_CHANNEL));
  }

  addInlineProjection(projection: InlineProjection): void {
    this.projections.push(projection);
  }

  addStatementProjection(projection: StatementProjection): void {
    this.statementProjections.push(projection);
  }

  addStateProjection(projection: StateProjection): void {
    this.stateProjections.push(projection);
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
    tx?: Transaction,
    before?: StateBefore,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (isBatch(tx)) throw new AppendInBatch(streamId);
    const head = await expectedHead(this.db, streamId, expectedVersion, tx);
    const sealed = sealEvents(this.producer, streamId, head, events, context, this.maxEventBytes);
    const current = sealed.map((e) => upcast(e));
    const statements = [
      ...current.flatMap((e) => this.statementProjections.flatMap((project) => project(e))),
      ...stateStatements(this.stateProjections, before, current, head.version + sealed.length),
    ];
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
    if (!tx && (this.projections.length > 0 || write.afterInsert.length > 0))
      return this.db.transaction((own) => this.write(write, own));
    return this.write(write, tx);
  }

  readStreamRaw(streamId: string, tx?: Transaction): Promise<EventEnvelope[]> {
    return reads.readStreamRaw(this.db, streamId, tx);
  }

  readCorrelated(correlationId: string): Promise<EventEnvelope[]> {
    return reads.readCorrelated(this.db, correlationId);
  }

  readAll(batchSize = 5000): AsyncGenerator<EventEnvelope[]> {
    return reads.readAll(this.db, batchSize);
  }

  private async write(write: Write, tx: Transaction | undefined): Promise<AppendResult> {
    const { head, sealed } = write;
    const streamId = sealed[0]!.streamId;
    const open = Database.isOpen(tx);
    if (!(await this.insertAfter(write, tx))) {
      // A refused INSERT aborts the transaction it ran in, which can then answer nothing more.
      const actual = open ? null : await currentVersion(this.db, streamId);
      throw new ConcurrencyError(streamId, head.version, actual);
    }
    for (const statement of write.afterInsert) await this.db.query(statement.sql, statement.parameters, tx!);
    for (const projection of this.projections) await projection(write.current, tx!);
    if (open) this.db.afterCommit(tx!, this.committed);
    else this.committed();
    return { streamVersion: head.version + sealed.length, events: sealed };
  }

  /**
   * One statement that checks, writes the events and, when there is one, the read-model change.
   * False when another writer got there first: the unique (stream_id, stream_version) key refuses
   * a version already taken, and the head guard refuses events chained to a head that is gone.
   */
  private async insertAfter(write: Write, tx: Transaction | undefined): Promise<boolean> {
    try {
      await this.db.prepared(appendStatement(write.sealed, write.head, write.traceparent, write.inInsert), tx);
      return true;
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if ((code === '23505' && constraint === 'events_stream_version_unique') || code === HEAD_MOVED) return false;
      throw error;
    }
  }
}
