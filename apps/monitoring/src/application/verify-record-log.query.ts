import { Query } from '@nestjs/cqrs';
import { checkpointStreamId, SERVICES, type EventEnvelope, type LogVerification } from '@upgrade-control/contracts';
import {
  foldLog,
  queryHandlerFor,
  TRUSTED_KEYS,
  typedToken,
  type CheckpointVerification,
} from '@upgrade-control/platform';
import { pagedReads } from './record-log-reads.js';
import { RecordLog } from './record-log.js';

export type RecordLogVerification = LogVerification & { ok: boolean; checkpoints: CheckpointVerification };

/** Rows per read of the log while verifying (AUDIT_VERIFY_PAGE_SIZE): what the check holds at once. */
export const VERIFY_PAGE_SIZE = typedToken<number>('VerifyPageSize');

/**
 * Every hash chain held here, each stream verified whole, and compared with the signed
 * checkpoints (ADR 20), so a stream rewritten in this database with recomputed hashes is named;
 * with an upgrade id, only the streams that hold events of that upgrade (checked against every
 * checkpoint).
 */
export class VerifyRecordLog extends Query<RecordLogVerification> {
  constructor(readonly upgradeId?: string) {
    super();
  }
}

const CHECKPOINT_STREAMS = SERVICES.map((s) => `${s}/${checkpointStreamId(s)}`);

/**
 * The auditor's fold (ADR 26) over the log read page by page (ADR 29): memory grows with streams,
 * not events. Filtered, the fold reads the upgrade's streams and the checkpoint streams, and leaves
 * aside signed heads of other streams; the counts are the upgrade's streams and events.
 */
export const VerifyRecordLogHandler = queryHandlerFor(
  VerifyRecordLog,
  [RecordLog, TRUSTED_KEYS, VERIFY_PAGE_SIZE],
  async ([log, trusted, pageSize], { upgradeId }): Promise<RecordLogVerification> => {
    const touched = upgradeId ? new Set(await log.streamsOf(upgradeId)) : null;
    if (!touched) {
      const { retained: _retained, ...result } = await foldLog(pagedReads(log, {}, pageSize), trusted);
      return { ok: result.broken.length === 0 && result.checkpoints.broken.length === 0, ...result };
    }
    const read = pagedReads(log, { streams: [...touched, ...CHECKPOINT_STREAMS] }, pageSize);
    const seen = new Set<string>();
    let events = 0;
    let reads = 0;
    async function* counted(): AsyncGenerator<EventEnvelope> {
      const first = (reads += 1) === 1;
      for await (const e of read()) {
        const key = `${e.producer}/${e.streamId}`;
        if (first && touched!.has(key)) {
          events += 1;
          seen.add(key);
        }
        yield e;
      }
    }
    const { retained: _retained, ...result } = await foldLog(counted, trusted, {
      read: (producer, streamId) => touched.has(`${producer}/${streamId}`),
    });
    const ok = result.broken.length === 0 && result.checkpoints.broken.length === 0;
    return { ok, ...result, streams: seen.size, events };
  },
);
