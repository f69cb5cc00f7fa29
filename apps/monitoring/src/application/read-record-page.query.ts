import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { RecordLog, type RecordCursor, type RecordFilter, type RecordPage } from './record-log.js';

/**
 * One page of the live stream. The stream itself (SSE on an open response, backpressure,
 * heartbeats) is HTTP and stays in api/live-streams.ts; each of its reads is this query, so
 * every page is one bounded read behind the RecordLog port.
 */
export class ReadRecordPage extends Query<RecordPage> {
  constructor(
    readonly after: RecordCursor,
    readonly filter: RecordFilter,
    readonly limit: number,
  ) {
    super();
  }
}

export const ReadRecordPageHandler = queryHandlerFor(ReadRecordPage, RecordLog, (log, { after, filter, limit }) =>
  log.page(after, filter, limit),
);
