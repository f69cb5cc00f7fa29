import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** How the upgrade ended; closing names the outcome only when nothing before it already did. */
export const outcome: RecordSection<UpgradeRecord['outcome']> = {
  initial: () => 'in-progress',
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeRejected':
        return 'rejected';
      case 'UpgradeCancelled':
        return 'cancelled';
      case 'RollbackCompleted':
        return 'rolled-back';
      case 'ForwardFixDeclared':
        return 'failed';
      case 'UpgradeClosed':
        return section === 'in-progress' ? event.payload.outcome : section;
      default:
        return section;
    }
  },
};
