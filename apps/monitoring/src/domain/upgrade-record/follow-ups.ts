import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type FollowUp = UpgradeRecord['followUps'][number];

const REVIEW = 'post-implementation-review';

const opened = (followUpId: string, description: string, owner: string): FollowUp => ({
  followUpId,
  description,
  owner,
  status: 'open',
  resolution: null,
});

/** The review an emergency change owes, listed once. */
const owed = (section: FollowUp[]): FollowUp[] =>
  section.some((f) => f.followUpId === REVIEW)
    ? section
    : [...section, opened(REVIEW, 'post-implementation review of the emergency change', 'change-board')];

/** Known issues and actions left after the upgrade; an emergency change owes the board its review. */
export const followUps: RecordSection<FollowUp[]> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'PostImplementationReviewDue':
        return owed(section);
      case 'PostImplementationReviewClosed': {
        const { closedBy, findings } = event.payload;
        return changeFirst(
          owed(section),
          (f) => f.followUpId === REVIEW,
          (f) => ({ ...f, status: 'closed', resolution: `closed by ${closedBy}: ${findings}` }),
        );
      }
      case 'UpgradeClosed':
        // Histories from before the review fell due on its own event owe it at the close.
        return event.payload.postImplementationReviewRequired ? owed(section) : section;
      case 'FollowUpAdded': {
        const p = event.payload;
        return [...section, opened(p.followUpId, p.description, p.owner)];
      }
      case 'FollowUpClosed': {
        const { followUpId, resolution } = event.payload;
        return changeFirst(
          section,
          (f) => f.followUpId === followUpId,
          (f) => ({ ...f, status: 'closed', resolution }),
        );
      }
      default:
        return section;
    }
  },
};
