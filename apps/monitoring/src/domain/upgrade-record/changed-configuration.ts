import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** Every configuration change the runbook's steps made, with the step that made it. */
export const changedConfiguration: RecordSection<UpgradeRecord['changedConfiguration']> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'StepCompleted': {
        const { stepId } = event.payload;
        const changes = event.payload.configurationChanges.map((c) => ({
          assetId: c.assetId,
          path: c.path,
          before: c.before,
          after: c.after,
          stepId,
        }));
        return [...section, ...changes];
      }
      default:
        return section;
    }
  },
};
