import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

/** The test runs before the upgrade: where, on what data, under load or not, with which result. */
export const tests: RecordSection<UpgradeRecord['tests']> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'TestEvidenceRecorded': {
        const p = event.payload;
        return [
          ...section,
          {
            environment: p.environment,
            outcome: p.outcome,
            representativeData: p.representativeData,
            loadTested: p.loadTested,
            summary: p.summary,
          },
        ];
      }
      default:
        return section;
    }
  },
};
