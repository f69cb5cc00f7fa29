import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
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

@QueryHandler(GetUpgradeRecord)
export class GetUpgradeRecordHandler implements IQueryHandler<GetUpgradeRecord> {
  constructor(private readonly log: RecordLog) {}

  execute({ upgradeId }: GetUpgradeRecord): Promise<CompiledRecord | null> {
    return compiled(this.log, upgradeId);
  }
}

@QueryHandler(GetUpgradeRecordMarkdown)
export class GetUpgradeRecordMarkdownHandler implements IQueryHandler<GetUpgradeRecordMarkdown> {
  constructor(private readonly log: RecordLog) {}

  async execute({ upgradeId }: GetUpgradeRecordMarkdown): Promise<string | null> {
    const found = await compiled(this.log, upgradeId);
    return found && recordToMarkdown(found.record, found.recordHash);
  }
}
