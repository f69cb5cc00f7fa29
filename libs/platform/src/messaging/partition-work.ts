import type { BatchResult, IncomingRecord } from './message-bus.js';

/** What working one fetched partition batch needs from the bus and the subscriber. */
export interface PartitionWork {
  /** Applies a run of records together (see SubscribeOptions.onBatch). */
  onBatch?: (records: IncomingRecord[]) => Promise<BatchResult>;
  onRecord(record: IncomingRecord, attempt: number): Promise<void>;
  retryDelay(attempt: number): number;
  /** At most this many records are offered to one onBatch call. */
  maxBatch: number;
  /** True once the consumer stops or the partition moved to another member: leave the rest uncommitted. */
  gone(): boolean;
  heartbeat(): Promise<void>;
  /** Marks a record's offset as done; committed by the caller after this resolves. */
  resolve(offset: string): void;
  sleep(ms: number): Promise<void>;
}

/**
 * One partition's fetched records, in order. Runs of records go to `onBatch` (one transaction
 * for many); the record a run stopped at, and any run `onBatch` refused or failed, goes alone to
 * `onRecord` and is offered again after `retryDelay` for as long as it has not taken effect, as a
 * single record always was. Then batching resumes with the records after it. An offset is
 * resolved only after its record took effect, so nothing behind a waiting record is committed.
 */
export async function workPartition(records: IncomingRecord[], work: PartitionWork): Promise<void> {
  let next = 0;
  while (next < records.length && !work.gone()) {
    let first = 1;
    if (work.onBatch && records.length - next > 1) {
      const run = records.slice(next, next + work.maxBatch);
      const { taken, nextAttempt } = await work.onBatch(run).catch(() => ({ taken: 0, nextAttempt: 1 }));
      if (taken > 0) {
        next += Math.min(taken, run.length);
        work.resolve(records[next - 1]!.offset);
        await work.heartbeat();
      }
      if (taken >= run.length) continue;
      // The record the run stopped at, alone; when it already failed once in the run, after the
      // wait that follows any failed attempt.
      first = nextAttempt;
      if (first > 1 && !(await pause(first - 1, work))) return;
    }
    if (!(await offerAlone(records[next]!, work, first))) return;
    work.resolve(records[next]!.offset);
    await work.heartbeat();
    next += 1;
  }
}

/** Offers one record until it takes effect; false when the partition was given up meanwhile. */
async function offerAlone(record: IncomingRecord, work: PartitionWork, first = 1): Promise<boolean> {
  // Not yet taken effect: this partition waits and offers the record again, heartbeating so the
  // group keeps it here. Stopping or losing the partition leaves its offset uncommitted, so
  // whoever consumes next starts at this record.
  for (let attempt = first; ; attempt++) {
    try {
      await work.onRecord(record, attempt);
      return true;
    } catch {
      if (!(await pause(attempt, work))) return false;
    }
  }
}

/** The wait after failed attempt `attempt`; false when the partition was given up meanwhile. */
async function pause(attempt: number, work: PartitionWork): Promise<boolean> {
  if (work.gone()) return false;
  await work.sleep(work.retryDelay(attempt));
  await work.heartbeat();
  return !work.gone();
}
