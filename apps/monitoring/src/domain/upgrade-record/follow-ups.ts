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

/** Known issues and actions left after the upgrade; an emergency change owes the board its review. */
export const followUps: RecordSection<FollowUp[]> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeClosed':
        if (!event.payload.postImplementationReviewRequired || section.some((f) => f.followUpId === REVIEW))
          return section;
        return [...section, opened(REVIEW, 'post-implementation review of the emergency change', 'change-board')];
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
