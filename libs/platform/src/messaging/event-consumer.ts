import type { DataSource, EntityManager } from 'typeorm';
import {
  checkPayload,
  computeEventHash,
  definitionAt,
  fromKafkaRecord,
  upcast,
  type EventEnvelope,
} from '@upgrade-control/contracts';
import { logContext, type Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import type { BusProducer, BusSubscription, IncomingRecord, MessageBus } from './message-bus.js';

/**
 * Runs inside the consumer's transaction; everything it writes commits with the inbox row.
 * `event` is upcast to the current schema; `stored` is the envelope exactly as published (and hashed).
 */
export type EventHandler = (event: EventEnvelope, tx: EntityManager, stored: EventEnvelope) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  maxAttempts: number;
  logger: Logger;
  metrics?: PlatformMetrics;
  /** Delay before attempt n+1, in ms. */
  backoff?: (attempt: number) => number;
}

/**
 * At-least-once in, exactly-once effect: each event's handlers run in one database transaction
 * that also records the event id in processed_events, so a redelivery finds it and does nothing.
 * Offsets are committed only after that transaction. Malformed, tampered, invalid or persistently
 * failing messages go to the dead-letter topic and consumption carries on.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly everyEvent: EventHandler[] = [];
  private subscription: BusSubscription | null = null;
  private dlqProducer: BusProducer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly options: EventConsumerOptions,
  ) {}

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
    this.subscription = await this.bus.subscribe({
      groupId: this.options.groupId,
      topics: this.options.topics,
      fromBeginning: true,
      onRecord: (record) => logContext.run({ correlationId: record.key ?? undefined }, () => this.process(record)),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.dlqProducer?.close();
    this.subscription = null;
    this.dlqProducer = null;
  }

  private async process(record: IncomingRecord): Promise<void> {
    this.options.metrics?.consumerLag.set({ topic: record.topic, partition: String(record.partition) }, record.lag);
    const parsed = fromKafkaRecord(record.value, record.headers);
    if (!parsed.ok) return this.deadLetter(record, 'invalid-envelope', parsed.error);
    const stored = parsed.envelope;
    const { hash, ...unhashed } = stored;
    if (computeEventHash(unhashed) !== hash) {
      return this.deadLetter(record, 'hash-mismatch', `event ${stored.eventId} does not match its hash`);
    }
    if (!definitionAt(stored.type, stored.schemaVersion)) {
      // A newer producer may publish types this build does not know yet: skip, do not fail.
      this.options.metrics?.skipped.inc({ reason: 'unknown-type' });
      this.options.logger.debug(
        { type: stored.type, schemaVersion: stored.schemaVersion },
        'skipped unknown event type',
      );
      return;
    }
    const handlers = [...(this.handlers.get(stored.type) ?? []), ...this.everyEvent];
    if (handlers.length === 0) {
      this.options.metrics?.skipped.inc({ reason: 'not-handled' });
      return;
    }
    const check = checkPayload(stored.type, stored.schemaVersion, stored.payload);
    if (!check.ok) return this.deadLetter(record, 'invalid-payload', check.message);
    const event = upcast(stored);

    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.dataSource.transaction((tx) => this.apply(event, stored, handlers, tx));
        if (applied) this.options.metrics?.consumed.inc({ type: event.type });
        else this.options.metrics?.skipped.inc({ reason: 'duplicate' });
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger.warn(
          { err: error, eventId: event.eventId, type: event.type, attempt },
          'event handler failed',
        );
        if (attempt >= this.options.maxAttempts) return this.deadLetter(record, 'handler-failed', message);
        await new Promise((r) => setTimeout(r, this.options.backoff?.(attempt) ?? 100 * 2 ** attempt));
      }
    }
  }

  private async apply(
    event: EventEnvelope,
    stored: EventEnvelope,
    handlers: EventHandler[],
    tx: EntityManager,
  ): Promise<boolean> {
    const seen = (await tx.query('SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2', [
      this.options.groupId,
      event.eventId,
    ])) as unknown[];
    if (seen.length > 0) return false;
    for (const handler of handlers) await handler(event, tx, stored);
    // Written last so a handler's append stays its transaction's first write (see EventStore.append);
    // the primary key still refuses a concurrent second application.
    await tx.query('INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3)', [
      this.options.groupId,
      event.eventId,
      event.type,
    ]);
    return true;
  }

  private async deadLetter(record: IncomingRecord, reason: string, error: string): Promise<void> {
    this.options.metrics?.deadLettered.inc({ reason });
    this.options.logger.error(
      { topic: record.topic, partition: record.partition, offset: record.offset, reason, error },
      'message dead-lettered',
    );
    await this.dlqProducer!.send(this.options.deadLetterTopic, [
      {
        key: record.key ?? '',
        value: record.value ?? '',
        headers: {
          ...record.headers,
          dlq_reason: reason,
          dlq_error: error.slice(0, 2000),
          dlq_source_topic: record.topic,
          dlq_source_partition: String(record.partition),
          dlq_source_offset: record.offset,
          dlq_consumer_group: this.options.groupId,
        },
      },
    ]);
  }
}
