import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Review = NonNullable<UpgradeRecord['postImplementationReview']>;

const due = (dueAt: string): Review => ({
  dueAt,
  status: 'open',
  closedBy: null,
  closedAt: null,
  findings: null,
  rootCause: null,
  lessons: null,
  followUps: [],
});

/**
 * The review an emergency change owes: when it fell due, who closed it with which findings, root
 * cause and lessons, and each follow-up with its owner, due date and when its owner did it.
 */
export const postImplementationReview: RecordSection<UpgradeRecord['postImplementationReview']> = {
  initial: () => null,
  evolve: (section, event) => {
    switch (event.type) {
      case 'PostImplementationReviewDue':
        return section ?? due(event.payload.dueAt);
      case 'PostImplementationReviewClosed': {
        if (!section || section.status === 'closed') return section;
        const { closedBy, findings, rootCause, lessons, followUps } = event.payload;
        return {
          ...section,
          status: 'closed',
          closedBy,
          closedAt: event.occurredAt,
          findings,
          rootCause,
          lessons,
          followUps: followUps.map((f) => ({ ...f, doneBy: null, doneAt: null })),
        };
      }
      case 'PostImplementationFollowUpDone': {
        if (!section) return section;
        const { followUp, doneBy } = event.payload;
        return {
          ...section,
          followUps: changeFirst(
            section.followUps,
            (f) => f.followUp === followUp && f.doneAt === null,
            (f) => ({ ...f, doneBy, doneAt: event.occurredAt }),
          ),
        };
      }
      default:
        return section;
    }
  },
};
