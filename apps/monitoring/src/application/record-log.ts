import type { EventEnvelope } from '@upgrade-control/contracts';
import type { CursorPosition, Transaction } from '@upgrade-control/platform';

/** A position in commit order: the writing transaction's id, then the row's seq (decimal strings). */
export interface RecordCursor {
  txId: string;
  seq: string;
}

const compareBig = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
/** Before every event: a stream read from here starts with the first. */
export const LOG_START: RecordCursor = { txId: '0', seq: '0' };

export const compareCursors = (a: RecordCursor, b: RecordCursor): number =>
  compareBig(a.txId, b.txId) || compareBig(a.seq, b.seq);

export interface RecordFilter {
  upgradeId?: string;
  types?: string[];
  /** Only these streams, each as `<producer>/<streamId>`. */
  streams?: string[];
}

export interface RecordPage {
  events: { cursor: RecordCursor; type: string; envelope: EventEnvelope }[];
  /** Where the following read starts: past every row this one could have seen. */
  next: RecordCursor;
}

/** An event of an upgrade's history and where it stands in history order (its cursor position). */
export interface HistoryRow {
  position: CursorPosition;
  envelope: EventEnvelope;
}

/**
 * Port: every event of all four services, as published (hashes intact), merged in one log: the
 * source of the upgrade record, the audit endpoints and the live stream.
 */
export abstract class RecordLog {
  /** One upgrade's events in the order this service heard them; in the caller's transaction when given. */
  abstract forUpgrade(upgradeId: string, tx?: Transaction): Promise<EventEnvelope[]>;

  /**
   * One upgrade's stored events after `after` (null: from the first) in history order, the order
   * of orderEvents (occurredAt, producer, streamId, streamVersion; then the row), at most `limit`.
   */
  abstract history(upgradeId: string, after: CursorPosition | null, limit: number): Promise<HistoryRow[]>;

  /** The streams holding events of one upgrade, each as `<producer>/<streamId>`. */
  abstract streamsOf(upgradeId: string): Promise<string[]>;

  /** Past every event held now and every one that can still come before them: where "from now" starts. */
  abstract head(): Promise<RecordCursor>;

  /**
   * The next page of the live stream and of the audit verification: matching events after the cursor in commit order, only those
   * no event still to commit can come before, at most `limit`.
   */
  abstract page(after: RecordCursor, filter: RecordFilter, limit: number): Promise<RecordPage>;
}
