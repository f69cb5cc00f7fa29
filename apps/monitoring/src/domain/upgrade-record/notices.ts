import { entryPerEvent, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** The notices to affected users, before and after the window, at the time planning received each. */
export const notices: RecordSection<UpgradeRecord['notices']> = entryPerEvent('UsersNotified', ({ payload: p }) => ({
  phase: p.phase,
  userGroups: p.userGroups,
  channel: p.channel,
  sentAt: p.sentAt,
  reportedSentAt: p.reportedSentAt,
}));
