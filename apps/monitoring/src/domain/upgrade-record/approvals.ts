import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** Who approved the plan, when, and what they said. */
export const approvals: RecordSection<UpgradeRecord['approvals']> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeApproved':
        return [...section, { approver: event.payload.approver, at: event.occurredAt, comment: event.payload.comment }];
      default:
        return section;
    }
  },
};
