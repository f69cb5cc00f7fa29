import { entryPerEvent, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** Who approved the plan, when, and what they said. */
export const approvals: RecordSection<UpgradeRecord['approvals']> = entryPerEvent('UpgradeApproved', (event) => ({
  approver: event.payload.approver,
  at: event.occurredAt,
  comment: event.payload.comment,
}));
