import { Query } from '@nestjs/cqrs';
import { checkpointProducer, verifyLog, type EventEnvelope, type LogVerification } from '@upgrade-control/contracts';
import {
  queryHandlerFor,
  TRUSTED_KEYS,
  verifyCheckpoints,
  type CheckpointVerification,
} from '@upgrade-control/platform';
import { RecordLog } from './record-log.js';

export type RecordLogVerification = LogVerification & { ok: boolean; checkpoints: CheckpointVerification };

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

const streamOf = (e: { producer: string; streamId: string }) => `${e.producer}/${e.streamId}`;
const isCheckpoint = (e: EventEnvelope) => checkpointProducer(e.type) !== null;

export const VerifyRecordLogHandler = queryHandlerFor(
  VerifyRecordLog,
  [RecordLog, TRUSTED_KEYS],
  async ([log, trusted], { upgradeId }) => {
    const all = await log.all();
    const touched = upgradeId ? new Set(all.filter((e) => e.correlationId === upgradeId).map(streamOf)) : null;
    const selected = touched ? all.filter((e) => touched.has(streamOf(e))) : all;
    const result = verifyLog(selected);
    const signed = await verifyCheckpoints(touched ? [...selected, ...all.filter(isCheckpoint)] : all, trusted);
    // Filtered, a stream not selected is absent, not truncated: report only the selected ones and the checkpoints.
    const checkpoints = touched
      ? {
          ...signed,
          broken: signed.broken.filter((f) => touched.has(streamOf(f)) || f.streamId.startsWith('checkpoint-')),
        }
      : signed;
    return { ok: result.broken.length === 0 && checkpoints.broken.length === 0, ...result, checkpoints };
  },
);
