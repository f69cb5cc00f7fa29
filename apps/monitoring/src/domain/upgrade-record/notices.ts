import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** The notices to affected users, before and after the window. */
export const notices: RecordSection<UpgradeRecord['notices']> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'UsersNotified': {
        const p = event.payload;
        return [...section, { phase: p.phase, userGroups: p.userGroups, channel: p.channel, sentAt: p.sentAt }];
      }
      default:
        return section;
    }
  },
};
