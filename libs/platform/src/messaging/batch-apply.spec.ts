import type { EventEnvelope } from '@upgrade-control/contracts';
import { AppendInBatch, isBatch } from '../database/batch-transaction.js';
import type { ConsumedLinks } from '../database/consumed-links.js';
import type { Database, Transaction } from '../database/database.js';
import type { Logger } from '../observability/logger.js';
import { BatchApplier, type BatchConsumer } from './batch-apply.js';
import type { LinkJudgment } from './chain-continuity.js';
import type { EventHandler } from './event-handler.js';
import type { IncomingRecord } from './message-bus.js';
import type { Inspection } from './record-inspection.js';

/** A record whose value names what inspecting it gives: `event:<type>:<id>`, `poison`, `skip:<id>`. */
const record = (value: string, offset: number): IncomingRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key: 'k',
  value,
  headers: {},
  lag: 0,
});
const envelope = (type: string, eventId: string) =>
  ({ eventId, type, producer: 'execution', streamId: 's', streamVersion: 1, correlationId: 'u' }) as EventEnvelope;
function inspect({ value }: IncomingRecord): Inspection {
  const [kind, type, id] = value!.split(':');
  if (kind === 'poison') return { kind: 'poison', reason: 'invalid-envelope', error: 'not JSON' };
  if (kind === 'skip') return { kind: 'skip', reason: 'not-handled', eventId: type!, stored: envelope('X', type!) };
  const event = envelope(type!, id!);
  return { kind: 'event', event, stored: event };
}

/**
 * A database whose transactions commit what their work wrote, or nothing when it throws; handlers
 * write to it through their transaction, so what is committed is what a real one would keep.
 */
function fixture(options: { handler?: EventHandler; broken?: string; known?: string[]; maxAttempts?: number } = {}) {
  const committed: string[] = [];
  const transactions: string[][] = [];
  const held: string[] = [];
  const warnings: unknown[] = [];
  const db = {
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const tx = { writes: [] as string[] } as unknown as Transaction & { writes: string[] };
      const result = await work(tx);
      committed.push(...tx.writes);
      transactions.push(tx.writes);
      return result;
    },
    async prepared(statement: { name: string; values: unknown[] }, tx: Transaction & { writes: string[] }) {
      if (statement.name === 'uc_inbox_seen_batch')
        return (options.known ?? [])
          .filter((id) => (statement.values[1] as string[]).includes(id))
          .map((event_id) => ({ event_id }));
      tx.writes.push(`inbox ${(statement.values[1] as string[]).join(',')}`);
      return [];
    },
  } as unknown as Database;
  const links = {
    async judgeAll(events: EventEnvelope[]): Promise<LinkJudgment[]> {
      return events.map((e) =>
        e.eventId === options.broken
          ? { kind: 'broken', reason: 'chain-gap', error: 'gap' }
          : { kind: 'new', adopted: false },
      );
    },
    async holdAll(events: EventEnvelope[]) {
      held.push(...events.map((e) => e.eventId));
    },
  } as unknown as ConsumedLinks;
  const handler: EventHandler =
    options.handler ??
    (async (e, tx) => {
      (tx as unknown as { writes: string[] }).writes.push(`row ${e.eventId}`);
    });
  const consumer: BatchConsumer = {
    db,
    groupId: 'g',
    maxAttempts: options.maxAttempts ?? 3,
    links,
    logger: { warn: (entry: unknown) => warnings.push(entry), debug: () => undefined } as unknown as Logger,
    inspect,
    handlersFor: () => [handler],
    adopted: () => undefined,
  };
  return { applier: new BatchApplier(consumer), committed, transactions, held, warnings };
}
const records = (...values: string[]) => values.map(record);

describe('BatchApplier', () => {
  it('applies a run in one transaction: the handlers in order, then one inbox row set', async () => {
    const { applier, transactions } = fixture();
    expect(await applier.apply(records('event:A:1', 'skip:2', 'event:A:3'))).toEqual({ taken: 3, nextAttempt: 1 });
    expect(transactions).toEqual([['row 1', 'row 3', 'inbox 1,3']]);
  });

  it('skips events the inbox already holds, and an event twice in the same run', async () => {
    const { applier, committed } = fixture({ known: ['1'] });
    await applier.apply(records('event:A:1', 'event:A:2', 'event:A:2'));
    expect(committed).toEqual(['row 2', 'inbox 2']);
  });

  it('stops before poison without touching it', async () => {
    const { applier, committed } = fixture();
    expect(await applier.apply(records('event:A:1', 'poison', 'event:A:3'))).toEqual({ taken: 1, nextAttempt: 1 });
    expect(committed).toEqual(['row 1', 'inbox 1']);
  });

  it('rolls back at a broken link and applies the records before it alone as the run', async () => {
    const { applier, transactions } = fixture({ broken: '3' });
    expect(await applier.apply(records('event:A:1', 'event:A:2', 'event:A:3', 'event:A:4'))).toEqual({
      taken: 2,
      nextAttempt: 1,
    });
    expect(transactions).toEqual([['row 1', 'row 2', 'inbox 1,2']]);
  });

  it('counts a failing handler as the record’s first attempt, logged as the one-at-a-time path logs it', async () => {
    const { applier, committed, warnings } = fixture({
      handler: async (e, tx) => {
        if (e.eventId === '2') throw new TypeError('cannot read the backup');
        (tx as unknown as { writes: string[] }).writes.push(`row ${e.eventId}`);
      },
    });
    expect(await applier.apply(records('event:A:1', 'event:A:2', 'event:A:3'))).toEqual({ taken: 1, nextAttempt: 2 });
    expect(committed).toEqual(['row 1', 'inbox 1']);
    expect(warnings).toMatchObject([{ eventId: '2', attempt: 1, transient: false }]);
  });

  it('leaves a failing handler its only attempt when maxAttempts is 1, so the one-at-a-time path dead-letters it', async () => {
    const { applier } = fixture({
      maxAttempts: 1,
      handler: async () => {
        throw new TypeError('bug');
      },
    });
    expect(await applier.apply(records('event:A:1', 'event:A:2'))).toEqual({ taken: 0, nextAttempt: 1 });
  });

  it('applies an event whose handler appends alone, and stops before its type from then on', async () => {
    let tries = 0;
    const { applier, committed } = fixture({
      handler: async (e, tx) => {
        if (e.type === 'R') {
          tries += 1;
          if (isBatch(tx)) throw new AppendInBatch('reaction');
        }
        (tx as unknown as { writes: string[] }).writes.push(`row ${e.eventId}`);
      },
    });
    expect(await applier.apply(records('event:A:1', 'event:R:2', 'event:A:3'))).toEqual({ taken: 1, nextAttempt: 1 });
    expect(await applier.apply(records('event:A:3', 'event:R:4'))).toEqual({ taken: 1, nextAttempt: 1 });
    expect(tries).toBe(1);
    expect(committed).toEqual(['row 1', 'inbox 1', 'row 3', 'inbox 3']);
  });

  it('hands the first record to the one-at-a-time path when the transaction fails outside any record', async () => {
    const { applier } = fixture();
    const failing = applier as unknown as { consumer: BatchConsumer };
    failing.consumer.db.transaction = async () => {
      throw Object.assign(new Error('connection terminated'), { code: '57P01' });
    };
    expect(await applier.apply(records('event:A:1', 'event:A:2'))).toEqual({ taken: 0, nextAttempt: 1 });
  });
});
