import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** The latest compatibility assessment, counted, and every waiver an approver gave. */
export const compatibility: RecordSection<UpgradeRecord['compatibility']> = {
  initial: () => ({ findings: 0, incompatible: 0, waivers: [] }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'CompatibilityAssessed': {
        const { findings } = event.payload;
        return {
          ...section,
          findings: findings.length,
          incompatible: findings.filter((f) => f.status === 'incompatible').length,
        };
      }
      case 'CompatibilityWaived': {
        const { ruleId, reason, approvedBy } = event.payload;
        return { ...section, waivers: [...section.waivers, { ruleId, reason, approvedBy }] };
      }
      default:
        return section;
    }
  },
};
