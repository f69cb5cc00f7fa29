import type { EventEnvelope } from '@upgrade-control/contracts';
import { AppendInBatch, markBatch } from '../database/batch-transaction.js';
import { DeferredStatementFailed, flushDeferred } from '../database/deferred-statements.js';
import type { ConsumedLinks } from '../database/consumed-links.js';
import type { Database, Transaction } from '../database/database.js';
import { logContext, type Logger } from '../observability/logger.js';
import type { PlatformMetrics } from '../observability/metrics.js';
import type { LinkJudgment } from './chain-continuity.js';
import type { EventHandler } from './event-handler.js';
import { isTransient } from './failure-class.js';
import type { BatchResult, IncomingRecord } from './message-bus.js';
import type { Inspection } from './record-inspection.js';

/** What the batch path shares with the consumer's one-at-a-time path. */
export interface BatchConsumer {
  db: Database;
  groupId: string;
  maxAttempts: number;
  links: ConsumedLinks;
  logger: Logger;
  metrics?: PlatformMetrics;
  inspect(record: IncomingRecord): Inspection;
  handlersFor(type: string): EventHandler[];
  adopted(stored: EventEnvelope, link: LinkJudgment): void;
}

type Batchable = Exclude<Inspection, { kind: 'poison' }>;
type Outcome = { kind: 'applied'; type: string } | { kind: 'duplicate' } | { kind: 'skipped'; reason: string };

/** A handler threw, with what it threw. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/** Rolls the batch's transaction back, naming the record that could not be applied in it. */
class StoppedAt extends Error {
  constructor(
    readonly index: number,
    readonly why: unknown,
  ) {
    super(`batch stopped at record ${index}`);
  }
}

/**
 * A run of one partition's records applied in ONE transaction (ADR 35): one read of the chain
 * links and one of the inbox for all, the handlers' statements in offset order, then one INSERT
 * of the inbox rows and one of the new links. Whatever the one-at-a-time path would treat
 * specially stops the run before it: poison, a broken link, a handler that throws (whatever the
 * class of its failure), a handler that appends events. The transaction then rolls back, the
 * records before that one are applied again as a shorter run, and that record is left to the
 * one-at-a-time path (`EventConsumer.process`), which dead-letters, retries and logs it exactly
 * as it always did. Resolves how many of the first records took effect.
 */
export class BatchApplier {
  /** Event types whose handlers appended in a batch: they are applied alone from then on. */
  private readonly appending = new Set<string>();

  constructor(private readonly consumer: BatchConsumer) {}

  async apply(records: IncomingRecord[]): Promise<BatchResult> {
    const inspected: Batchable[] = [];
    for (const record of records) {
      const inspection = this.consumer.inspect(record);
      if (inspection.kind === 'poison' || this.appending.has(inspection.stored.type)) break;
      inspected.push(inspection);
    }
    let nextAttempt = 1;
    for (let run = inspected.length; run > 0;) {
      try {
        const taken = inspected.slice(0, run);
        const { outcomes, judged } = await this.consumer.db.transaction((tx) => this.applyRun(taken, tx));
        taken.forEach((inspection, i) => this.consumer.adopted(inspection.stored, judged[i]!));
        this.count(records.slice(0, run), outcomes);
        return { taken: run, nextAttempt };
      } catch (error) {
        if (!(error instanceof StoppedAt)) {
          // Before the first record or at COMMIT (the database away, a concurrent holder of a
          // link): the one-at-a-time path takes the first record, with its own retries.
          this.consumer.logger.debug({ err: error, records: run }, 'batch rolled back; first record alone');
          return { taken: 0, nextAttempt: 1 };
        }
        run = error.index;
        nextAttempt = this.stopped(inspected[run]!.stored, error.why);
      }
    }
    return { taken: 0, nextAttempt };
  }

  /**
   * The attempt the record a run stopped at is offered alone from. A handler that threw has had
   * its first attempt, logged and counted as the one-at-a-time path does; anything else has not.
   */
  private stopped(stored: EventEnvelope, why: unknown): number {
    if (why instanceof AppendInBatch) {
      this.appending.add(stored.type);
      return 1;
    }
    if (!(why instanceof HandlerFailed)) return 1;
    const transient = isTransient(why.error);
    const { eventId, type } = stored;
    this.consumer.logger.warn({ err: why.error, eventId, type, attempt: 1, transient }, 'event handler failed');
    this.consumer.metrics?.handlerFailures.inc({ class: transient ? 'transient' : 'permanent' });
    // Where one failure is all a handler gets, the one-at-a-time path must see it fail itself.
    return transient || this.consumer.maxAttempts > 1 ? 2 : 1;
  }

  private async applyRun(run: Batchable[], tx: Transaction): Promise<{ outcomes: Outcome[]; judged: LinkJudgment[] }> {
    markBatch(tx);
    const { db, groupId, links } = this.consumer;
    const stored = run.map((r) => r.stored);
    const judged = await links.judgeAll(stored, tx);
    const ids = run.flatMap((r) => (r.kind === 'event' ? [r.event.eventId] : []));
    const known = await db.prepared<{ event_id: string }>(
      {
        name: 'uc_inbox_seen_batch',
        text: 'SELECT event_id::text AS event_id FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
        values: [groupId, ids],
      },
      tx,
    );
    const seen = new Set(known.map((row) => row.event_id));
    const inbox: EventEnvelope[] = [];
    const outcomes: Outcome[] = [];
    for (const [index, inspection] of run.entries()) {
      const link = judged[index]!;
      if (link.kind === 'broken') throw new StoppedAt(index, link);
      if (inspection.kind === 'skip') outcomes.push({ kind: 'skipped', reason: inspection.reason });
      else if (seen.has(inspection.event.eventId)) outcomes.push({ kind: 'duplicate' });
      else {
        const { event } = inspection;
        seen.add(event.eventId);
        try {
          for (const handler of this.consumer.handlersFor(event.type))
            await logContext.run({ correlationId: event.correlationId }, () => handler(event, tx, inspection.stored));
        } catch (error) {
          // An earlier event's held-back statement, written before this handler's read: not this one's failure.
          if (error instanceof DeferredStatementFailed) throw error;
          throw new StoppedAt(index, error instanceof AppendInBatch ? error : new HandlerFailed(error));
        }
        inbox.push(event);
        outcomes.push({ kind: 'applied', type: event.type });
      }
    }
    // The handlers' held-back read-model statements, merged (ADR 39); a failure among them rolls
    // the batch back and leaves its first record to the one-at-a-time path.
    await flushDeferred(tx);
    // Written last, as in the one-at-a-time path; the primary keys still refuse a concurrent
    // second application or a concurrent holder of a link (a unique-key race, transient).
    if (inbox.length > 0)
      await db.prepared(
        {
          name: 'uc_inbox_insert_batch',
          text: `INSERT INTO processed_events (consumer, event_id, type)
                   SELECT $1, * FROM unnest($2::uuid[], $3::text[])`,
          values: [groupId, inbox.map((e) => e.eventId), inbox.map((e) => e.type)],
        },
        tx,
      );
    await links.holdAll(
      stored.filter((_, i) => judged[i]!.kind === 'new'),
      tx,
    );
    return { outcomes, judged };
  }

  private count(records: IncomingRecord[], outcomes: Outcome[]): void {
    const { metrics, logger } = this.consumer;
    records.forEach((record, i) => {
      metrics?.consumerLag.set({ topic: record.topic, partition: String(record.partition) }, record.lag);
      const outcome = outcomes[i]!;
      if (outcome.kind === 'applied') metrics?.consumed.inc({ type: outcome.type });
      else if (outcome.kind === 'skipped') {
        metrics?.skipped.inc({ reason: outcome.reason });
        logger.debug({ offset: record.offset, reason: outcome.reason }, 'skipped event');
      } else metrics?.skipped.inc({ reason: 'duplicate' });
    });
  }
}
