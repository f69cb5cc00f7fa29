import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Times = UpgradeRecord['times'];

/** When each milestone happened: the facts' own times where they carry one, else when they were recorded. */
export const times: RecordSection<Times> = {
  initial: () => ({
    proposedAt: null,
    window: null,
    executionStartedAt: null,
    appliedAt: null,
    acceptedAt: null,
    stableAt: null,
    closedAt: null,
  }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeProposed':
        return { ...section, proposedAt: event.occurredAt };
      case 'MaintenanceWindowScheduled':
        return { ...section, window: { startsAt: event.payload.startsAt, endsAt: event.payload.endsAt } };
      case 'ExecutionStarted':
        return { ...section, executionStartedAt: event.payload.startedAt };
      case 'UpgradeApplied':
        return { ...section, appliedAt: event.payload.appliedAt };
      case 'AcceptancePassed':
        return { ...section, acceptedAt: event.occurredAt };
      case 'StabilityConfirmed':
        return { ...section, stableAt: event.payload.confirmedAt };
      case 'UpgradeClosed':
        return { ...section, closedAt: event.occurredAt };
      default:
        return section;
    }
  },
};
