import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, recordHash, type UpgradeRecord } from '../domain/upgrade-record.js';
import { RecordLog } from './record-log.js';

export type CompiledRecord = { record: UpgradeRecord; recordHash: string };

/** The upgrade record compiled from the log, or null when the log holds no event of the upgrade. */
export class GetUpgradeRecord extends Query<CompiledRecord | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

/** The same record as a Markdown document, or null when there is none. */
export class GetUpgradeRecordMarkdown extends Query<string | null> {
  constructor(readonly upgradeId: string) {
    super();
  }
}

async function compiled(log: RecordLog, upgradeId: string): Promise<CompiledRecord | null> {
  const events = await log.forUpgrade(upgradeId);
  if (events.length === 0) return null;
  const record = compileRecord(upgradeId, events);
  return { record, recordHash: recordHash(record) };
}

export const GetUpgradeRecordHandler = queryHandlerFor(GetUpgradeRecord, RecordLog, (log, { upgradeId }) =>
  compiled(log, upgradeId),
);

export const GetUpgradeRecordMarkdownHandler = queryHandlerFor(
  GetUpgradeRecordMarkdown,
  RecordLog,
  async (log, { upgradeId }) => {
    const found = await compiled(log, upgradeId);
    return found && recordToMarkdown(found.record, found.recordHash);
  },
);
