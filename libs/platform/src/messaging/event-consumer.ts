import {
  SECURITY_FINDINGS,
  type DeadLetterReason,
  type EventEnvelope,
  type ServiceName,
} from '@upgrade-control/contracts';
import type { Database, Transaction } from '../database/database.js';
import { logContext, type Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import { cappedBackoff, type Backoff } from './backoff.js';
import { ConsumedLinks } from '../database/consumed-links.js';
import type { LinkJudgment } from './chain-continuity.js';
import { inspectRecord, type Inspection } from './record-inspection.js';
import { isTransient } from './failure-class.js';
import { BatchApplier } from './batch-apply.js';
import type { EventHandler } from './event-handler.js';
import type { BusProducer, BusSubscription, IncomingRecord, MessageBus } from './message-bus.js';

export type { EventHandler } from './event-handler.js';

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
  /** The most records of a partition applied in one transaction (ADR 35); 1 applies each alone. Default 2,000 (ADR 39). */
  maxBatch?: number;
  /** How long an applied record's offset may wait to be committed (ADR 40); default 1,000 ms. */
  commitIntervalMs?: number;
}

/** Thrown to the bus so that it offers the record again later; never dead-lettered. */
class NotYet extends Error {}

type Outcome =
  | { kind: 'applied'; type: string }
  | { kind: 'duplicate' }
  | { kind: 'skipped'; reason: string; eventId: string }
  | { kind: 'refused'; reason: DeadLetterReason; error: string };
const refused = (reason: DeadLetterReason, error: string): Outcome => ({ kind: 'refused', reason, error });

/**
 * At-least-once in, exactly-once effect: each event's handlers run in a database transaction
 * that also records the event id in processed_events, so a redelivery finds it and does nothing.
 * Offsets are committed only after that transaction. A run of a partition's records shares one
 * transaction (BatchApplier, ADR 35); what the run cannot take is applied here, one at a time.
 *
 * Failures come in two classes. Transient ones (database or broker unreachable, serialization
 * failures, deadlocks, races, timeouts) are retried with capped backoff for as long as they last;
 * the partition waits, its offset is not committed, nothing is dead-lettered. Poison (unparseable,
 * not an envelope, tampered, an invalid payload, a schema version with no upcaster) goes to the
 * dead-letter topic at once with its reason; a handler that keeps failing for another reason goes
 * there after `maxAttempts`. Either way consumption carries on with the next message.
 *
 * Every authentic event (its hash, its topic's owner) must also continue the chain this consumer
 * holds for its stream (consumed_links, ADR 19): a redelivery is a no-op, a gap or a fork is
 * dead-lettered as a security finding and never reaches a handler.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly everyEvent: EventHandler[] = [];
  private subscription: BusSubscription | null = null;
  private dlqProducer: BusProducer | null = null;
  private readonly backoff: Backoff;
  private readonly links: ConsumedLinks;
  private readonly batches: BatchApplier;

  constructor(
    private readonly db: Database,
    private readonly bus: MessageBus,
    private readonly options: EventConsumerOptions,
  ) {
    this.backoff = options.backoff ?? cappedBackoff();
    this.links = new ConsumedLinks(db, options.groupId);
    this.batches = new BatchApplier({
      db,
      groupId: options.groupId,
      maxAttempts: options.maxAttempts,
      links: this.links,
      logger: options.logger,
      metrics: options.metrics,
      inspect: (record) => this.inspect(record),
      handlersFor: (type) => this.handlersFor(type),
      adopted: (stored, link) => this.adopted(stored, link),
    });
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
      commitIntervalMs: this.options.commitIntervalMs,
      retryDelay: this.backoff,
      onRecord: (record, attempt) =>
        logContext.run({ correlationId: record.key ?? undefined }, () => this.process(record, attempt)),
      ...((this.options.maxBatch ?? 2000) > 1 && {
        onBatch: (records: IncomingRecord[]) => this.batches.apply(records),
        maxBatch: this.options.maxBatch ?? 2000,
      }),
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
    const inspected = this.inspect(record);
    const outcome = await this.settle(inspected, attempt);
    switch (outcome.kind) {
      case 'refused':
        return this.deadLetter(record, outcome.reason, outcome.error);
      case 'skipped':
        metrics?.skipped.inc({ reason: outcome.reason });
        logger.debug({ eventId: outcome.eventId, reason: outcome.reason }, 'skipped event');
        return;
      case 'applied':
        metrics?.consumed.inc({ type: outcome.type });
        return;
      default:
        metrics?.skipped.inc({ reason: 'duplicate' });
    }
  }

  /**
   * What becomes of an inspected record. Every authentic event counts for its stream's chain
   * (ADR 19), also one skipped as not handled here or refused as poison, so the chain has no holes.
   */
  private async settle(inspected: Inspection, attempt: number): Promise<Outcome> {
    if (inspected.kind === 'poison' && !inspected.stored) return refused(inspected.reason, inspected.error);
    try {
      if (inspected.kind === 'event') return await this.db.transaction((tx) => this.apply(inspected, tx));
      const link = await this.links.follow(inspected.stored!);
      this.adopted(inspected.stored!, link);
      if (link.kind === 'broken') return refused(link.reason, link.error);
      if (inspected.kind === 'poison') return refused(inspected.reason, inspected.error);
      return { kind: 'skipped', reason: inspected.reason, eventId: inspected.eventId };
    } catch (error) {
      const { eventId, type } = inspected.stored!;
      const transient = isTransient(error);
      this.options.logger.warn({ err: error, eventId, type, attempt, transient }, 'event handler failed');
      this.options.metrics?.handlerFailures.inc({ class: transient ? 'transient' : 'permanent' });
      if (transient || attempt < this.options.maxAttempts) throw new NotYet(String(error));
      // Authentic and on its chain: only this service failed at it. Its link is held, so the
      // stream's later events still chain, and a re-drive of it is judged a redelivery and applied.
      const link = await this.links.follow(inspected.stored!);
      if (link.kind === 'broken') return refused(link.reason, link.error);
      return refused('handler-failed', error instanceof Error ? error.message : String(error));
    }
  }

  private inspect(record: IncomingRecord): Inspection {
    const handles = (type: string) => this.handlersFor(type).length > 0;
    return inspectRecord(record, handles, this.options.topicOwners?.[record.topic] ?? null);
  }

  private handlersFor(type: string): EventHandler[] {
    const own = this.handlers.get(type) ?? [];
    return own.length > 0 || this.everyEvent.length > 0 ? [...own, ...this.everyEvent] : [];
  }

  private async apply({ event, stored }: Inspection & { kind: 'event' }, tx: Transaction): Promise<Outcome> {
    const link = await this.links.judge(stored, tx);
    if (link.kind === 'broken') return refused(link.reason, link.error);
    const seen = await this.db.query(
      'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
      [this.options.groupId, event.eventId],
      tx,
    );
    // Held as a link too, even when the inbox knew it already (processed before links were kept).
    const holdLink = () => (link.kind === 'new' ? this.links.hold(stored, tx) : Promise.resolve());
    if (seen.length > 0) {
      await holdLink();
      return { kind: 'duplicate' };
    }
    for (const handler of this.handlersFor(event.type)) await handler(event, tx, stored);
    // Written last so a handler's append stays its transaction's first write (see EventStore.append);
    // the primary keys still refuse a concurrent second application (and a concurrent fork).
    await this.db.query(
      'INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3)',
      [this.options.groupId, event.eventId, event.type],
      tx,
    );
    await holdLink();
    this.adopted(stored, link);
    return { kind: 'applied', type: event.type };
  }

  /** Trust on first use is worth a line: the first link of a stream seen past its version 1. */
  private adopted(stored: EventEnvelope, link: LinkJudgment): void {
    if (link.kind === 'new' && link.adopted)
      this.options.logger.info(
        { producer: stored.producer, streamId: stored.streamId, streamVersion: stored.streamVersion },
        'chain adopted mid-stream: first event held of this stream is past version 1',
      );
  }

  /** A failed send (broker down) rejects, so the bus offers the record again: nothing is lost. */
  private async deadLetter(record: IncomingRecord, reason: DeadLetterReason, error: string): Promise<void> {
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
