import type { RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Proposal = Pick<UpgradeRecord, 'title' | 'purpose'>;

/** What the change request said it is for. */
export const proposal: RecordSection<Proposal> = {
  initial: () => ({ title: null, purpose: null }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeProposed': {
        const p = event.payload;
        return { title: p.title, purpose: { category: p.category, statement: p.purpose, urgency: p.urgency } };
      }
      default:
        return section;
    }
  },
};
