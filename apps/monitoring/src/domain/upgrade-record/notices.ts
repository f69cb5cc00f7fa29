import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Notice = UpgradeRecord['notices'][number];

/**
 * The notices affected users got, before and after the window and after a rollback: each delivery
 * that succeeded (ADR 13), at its delivery time, and the notices recorded before webhooks existed.
 */
export const notices: RecordSection<UpgradeRecord['notices']> = {
  initial: () => [],
  evolve: (section, event): Notice[] => {
    if (event.type === 'UsersNotified') {
      const p = event.payload;
      return [
        ...section,
        {
          phase: p.phase,
          userGroups: p.userGroups,
          channel: p.channel,
          sentAt: p.sentAt,
          reportedSentAt: p.reportedSentAt,
        },
      ];
    }
    if (event.type === 'NoticeDelivered') {
      const p = event.payload;
      return [
        ...section,
        { phase: p.phase, userGroups: [p.userGroup], channel: 'webhook', sentAt: p.deliveredAt, reportedSentAt: null },
      ];
    }
    return section;
  },
};
