import { entryPerEvent, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** Steps an approver skipped instead of completing: who, why and when (the server's time). */
export const skippedSteps: RecordSection<UpgradeRecord['skippedSteps']> = entryPerEvent(
  'StepSkipped',
  ({ payload: p, occurredAt }) => ({ stepId: p.stepId, skippedBy: p.skippedBy, reason: p.reason, at: occurredAt }),
);
