import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { RecordLog, type RecordCursor } from './record-log.js';

/** Where the log is now: a live stream resumed from here gets only what comes after (ADR 29). */
export class GetRecordHead extends Query<RecordCursor> {}

export const GetRecordHeadHandler = queryHandlerFor(GetRecordHead, RecordLog, (log) => log.head());
