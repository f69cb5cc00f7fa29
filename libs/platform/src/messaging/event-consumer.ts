import type { EventEnvelope, ServiceName } from '@upgrade-control/contracts';
import type { Database, Transaction } from '../database/database.js';
import { logContext, type Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import { cappedBackoff, type Backoff } from './backoff.js';
import { inspectRecord, SECURITY_FINDINGS, type PoisonReason } from './record-inspection.js';
import { isTransient } from './failure-class.js';
import type { BusProducer, BusSubscription, IncomingRecord, MessageBus } from './message-bus.js';

/**
 * Runs inside the consumer's transaction; everything it writes commits with the inbox row.
 * `event` is upcast to the current schema; `stored` is the envelope exactly as published (and hashed).
 */
export type EventHandler = (event: EventEnvelope, tx: Transaction, stored: EventEnvelope) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  /** Where the DLQ tool puts messages back for this consumer alone; subscribed when given. */
  redriveTopic?: string;
  /** Attempts at a handler failure that is not transient before the message is dead-lettered. */
  maxAttempts: number;
  logger: Logger;
  metrics?: PlatformMetrics;
  /** Delay before attempt n+1, in ms. */
  backoff?: Backoff;
  /** Which service owns each topic: events on it must name that producer (trust on consume). */
  topicOwners?: Record<string, ServiceName>;
}

/** Thrown to the bus so that it offers the record again later; never dead-lettered. */
class NotYet extends Error {}

/**
 * At-least-once in, exactly-once effect: each event's handlers run in one database transaction
 * that also records the event id in processed_events, so a redelivery finds it and does nothing.
 * Offsets are committed only after that transaction.
 *
 * Failures come in two classes. Transient ones (database or broker unreachable, serialization
 * failures, deadlocks, races, timeouts) are retried with capped backoff for as long as they last;
 * the partition waits, its offset is not committed, nothing is dead-lettered. Poison (unparseable,
 * not an envelope, tampered, an invalid payload, a schema version with no upcaster) goes to the
 * dead-letter topic at once with its reason; a handler that keeps failing for another reason goes
 * there after `maxAttempts`. Either way consumption carries on with the next message.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly everyEvent: EventHandler[] = [];
  private subscription: BusSubscription | null = null;
  private dlqProducer: BusProducer | null = null;
  private readonly backoff: Backoff;

  constructor(
    private readonly db: Database,
    private readonly bus: MessageBus,
    private readonly options: EventConsumerOptions,
  ) {
    this.backoff = options.backoff ?? cappedBackoff();
  }

  on(type: string, handler: EventHandler): this {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
    return this;
  }

  /**
   * A handler for every known event type (e.g. an audit log). It runs after the type's own
   * handlers, so that a handler's append stays its transaction's first write (see EventStore.append).
   */
  onEvery(handler: EventHandler): this {
    this.everyEvent.push(handler);
    return this;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.dlqProducer = await this.bus.producer();
    const { redriveTopic } = this.options;
    this.subscription = await this.bus.subscribe({
      groupId: this.options.groupId,
      topics: redriveTopic ? [...this.options.topics, redriveTopic] : this.options.topics,
      fromBeginning: true,
      retryDelay: this.backoff,
      onRecord: (record, attempt) =>
        logContext.run({ correlationId: record.key ?? undefined }, () => this.process(record, attempt)),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.dlqProducer?.close();
    this.subscription = null;
    this.dlqProducer = null;
  }

  private async process(record: IncomingRecord, attempt: number): Promise<void> {
    const { metrics, logger } = this.options;
    metrics?.consumerLag.set({ topic: record.topic, partition: String(record.partition) }, record.lag);
    const inspected = inspectRecord(
      record,
      (type) => this.handlersFor(type).length > 0,
      this.options.topicOwners?.[record.topic] ?? null,
    );
    switch (inspected.kind) {
      case 'poison':
        return this.deadLetter(record, inspected.reason, inspected.error);
      case 'skip':
        metrics?.skipped.inc({ reason: inspected.reason });
        logger.debug({ eventId: inspected.eventId, reason: inspected.reason }, 'skipped event');
        return;
      case 'event':
        break;
      default: {
        const unknownKind: never = inspected;
        throw new Error(`unknown inspection ${String(unknownKind)}`);
      }
    }
    const { event, stored } = inspected;
    const handlers = this.handlersFor(event.type);
    try {
      const applied = await this.db.transaction((tx) => this.apply(event, stored, handlers, tx));
      if (applied) metrics?.consumed.inc({ type: event.type });
      else metrics?.skipped.inc({ reason: 'duplicate' });
    } catch (error) {
      const transient = isTransient(error);
      logger.warn({ err: error, eventId: event.eventId, type: event.type, attempt, transient }, 'event handler failed');
      metrics?.handlerFailures.inc({ class: transient ? 'transient' : 'permanent' });
      if (transient || attempt < this.options.maxAttempts) throw new NotYet(String(error));
      const message = error instanceof Error ? error.message : String(error);
      return this.deadLetter(record, 'handler-failed', message);
    }
  }

  private handlersFor(type: string): EventHandler[] {
    const own = this.handlers.get(type) ?? [];
    return own.length > 0 || this.everyEvent.length > 0 ? [...own, ...this.everyEvent] : [];
  }

  private async apply(
    event: EventEnvelope,
    stored: EventEnvelope,
    handlers: EventHandler[],
    tx: Transaction,
  ): Promise<boolean> {
    const seen = await this.db.query(
      'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
      [this.options.groupId, event.eventId],
      tx,
    );
    if (seen.length > 0) return false;
    for (const handler of handlers) await handler(event, tx, stored);
    // Written last so a handler's append stays its transaction's first write (see EventStore.append);
    // the primary key still refuses a concurrent second application.
    await this.db.query(
      'INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3)',
      [this.options.groupId, event.eventId, event.type],
      tx,
    );
    return true;
  }

  /** A failed send (broker down) rejects, so the bus offers the record again: nothing is lost. */
  private async deadLetter(
    record: IncomingRecord,
    reason: PoisonReason | 'handler-failed',
    error: string,
  ): Promise<void> {
    const finding = (SECURITY_FINDINGS as readonly string[]).includes(reason);
    this.options.logger.error(
      {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        reason,
        error,
        securityFinding: finding,
      },
      finding ? 'security finding: message dead-lettered' : 'message dead-lettered',
    );
    if (finding) this.options.metrics?.securityFindings.inc({ reason });
    const { dlq_reason: _r, dlq_error: _e, ...original } = record.headers;
    await this.dlqProducer!.send(this.options.deadLetterTopic, [
      {
        key: record.key ?? '',
        value: record.value ?? '',
        headers: {
          ...original,
          dlq_reason: reason,
          dlq_error: error.slice(0, 2000),
          dlq_source_topic: record.topic,
          dlq_source_partition: String(record.partition),
          dlq_source_offset: record.offset,
          dlq_consumer_group: this.options.groupId,
          dlq_at: new Date().toISOString(),
        },
      },
    ]);
    this.options.metrics?.deadLettered.inc({ reason });
  }
}
