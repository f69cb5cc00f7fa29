import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Rollback = UpgradeRecord['rollback'];

/** Whether the upgrade went back (or forward-fixed instead), why, on whose decision, and what data it cost. */
export const rollback: RecordSection<Rollback> = {
  initial: () => ({
    status: 'not-needed',
    trigger: null,
    reason: null,
    decidedBy: null,
    breakGlass: null,
    dataLossExposure: null,
  }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'RollbackTriggered': {
        const p = event.payload;
        return {
          ...section,
          status: 'triggered',
          trigger: p.trigger,
          reason: p.reason,
          decidedBy: p.decidedBy,
          breakGlass: p.breakGlass?.why ?? null,
        };
      }
      case 'RollbackCompleted':
        return { ...section, status: 'completed', dataLossExposure: event.payload.dataLossExposure };
      case 'ForwardFixDeclared':
        return { ...section, status: 'forward-fix', reason: event.payload.plan, decidedBy: event.payload.declaredBy };
      default:
        return section;
    }
  },
};
