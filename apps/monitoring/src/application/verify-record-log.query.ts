import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyLog, type LogVerification } from '@upgrade-control/contracts';
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

@QueryHandler(VerifyRecordLog)
export class VerifyRecordLogHandler implements IQueryHandler<VerifyRecordLog> {
  constructor(private readonly log: RecordLog) {}

  async execute({ upgradeId }: VerifyRecordLog): Promise<RecordLogVerification> {
    const all = await this.log.all();
    const streamOf = (e: { producer: string; streamId: string }) => `${e.producer}/${e.streamId}`;
    const touched = upgradeId ? new Set(all.filter((e) => e.correlationId === upgradeId).map(streamOf)) : null;
    const result = verifyLog(touched ? all.filter((e) => touched.has(streamOf(e))) : all);
    return { ok: result.broken.length === 0, ...result };
  }
}
