import { Query } from '@nestjs/cqrs';
import { verifyLog, type LogVerification } from '@upgrade-control/contracts';
import { queryHandlerFor } from '@upgrade-control/platform';
import { RecordLog } from './record-log.js';

export type RecordLogVerification = LogVerification & { ok: boolean };

/**
 * Every hash chain held here, each stream verified whole; with an upgrade id, only the streams
 * that hold events of that upgrade.
 */
export class VerifyRecordLog extends Query<RecordLogVerification> {
  constructor(readonly upgradeId?: string) {
    super();
  }
}

export const VerifyRecordLogHandler = queryHandlerFor(VerifyRecordLog, RecordLog, async (log, { upgradeId }) => {
  const all = await log.all();
  const streamOf = (e: { producer: string; streamId: string }) => `${e.producer}/${e.streamId}`;
  const touched = upgradeId ? new Set(all.filter((e) => e.correlationId === upgradeId).map(streamOf)) : null;
  const result = verifyLog(touched ? all.filter((e) => touched.has(streamOf(e))) : all);
  return { ok: result.broken.length === 0, ...result };
});
