import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Acceptance = UpgradeRecord['acceptance'];

/** What "successful" meant, each criterion's result, and the verdict. */
export const acceptance: RecordSection<Acceptance> = {
  initial: () => ({ criteria: [], result: 'open' }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'AcceptanceCriteriaDefined':
        return {
          ...section,
          criteria: event.payload.criteria.map((c) => ({
            criterionId: c.criterionId,
            core: c.core,
            passCondition: c.passCondition,
            outcome: null,
          })),
        };
      case 'AcceptanceCheckRecorded': {
        const { criterionId, outcome } = event.payload;
        return {
          ...section,
          criteria: changeFirst(
            section.criteria,
            (c) => c.criterionId === criterionId,
            (c) => ({ ...c, outcome }),
          ),
        };
      }
      case 'AcceptancePassed':
        return { ...section, result: 'passed' };
      case 'AcceptanceFailed':
        return { ...section, result: 'failed' };
      default:
        return section;
    }
  },
};
