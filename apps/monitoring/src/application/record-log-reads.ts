import type { EventEnvelope } from '@upgrade-control/contracts';
import { compareCursors, LOG_START, RecordLog, type RecordCursor, type RecordFilter } from './record-log.js';

/**
 * The record log as the audit fold reads it (ADR 29): keyset pages of `size` rows in commit order,
 * so a read holds one page, never the log. Every call reads again from the start and stops where
 * the first read ended: the fold's second read meets the same records in the same order, though
 * events keep arriving.
 */
export function pagedReads(
  log: RecordLog,
  filter: RecordFilter,
  size: number,
): () => AsyncGenerator<EventEnvelope, void, undefined> {
  let end: RecordCursor | null = null;
  return async function* read() {
    const until = end;
    let after = LOG_START;
    for (;;) {
      const page = await log.page(after, filter, size);
      for (const { cursor, envelope } of page.events) {
        if (until && compareCursors(cursor, until) > 0) return;
        yield envelope;
      }
      after = page.events.at(-1)?.cursor ?? after;
      if (page.events.length < size) break;
    }
    end ??= after;
  };
}
