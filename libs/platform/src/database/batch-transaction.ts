import type { Transaction } from './database.js';
import { deferStatementsIn } from './deferred-statements.js';

/** Transactions that apply several consumed events at once (the consumer's batches, ADR 35). */
const batches = new WeakSet<Transaction>();

export function markBatch(tx: Transaction): void {
  batches.add(tx);
  // The handlers' read-model statements are written merged (ADR 39).
  deferStatementsIn(tx);
}

export function isBatch(tx: Transaction | undefined): boolean {
  return tx !== undefined && batches.has(tx);
}

/**
 * An append inside a batch transaction. The events INSERT must be its transaction's first write
 * (ADR 1: tx_id order is the order writers saw each other in), and a batch has written before
 * the second event's handler runs. So the batch rolls back and the event is applied alone, in a
 * transaction of its own whose first write is the append.
 */
export class AppendInBatch extends Error {
  constructor(streamId: string) {
    super(`append to ${streamId} inside a batch of consumed events: it is applied alone`);
    this.name = 'AppendInBatch';
  }
}
