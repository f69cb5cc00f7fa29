import type { PayloadOf } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';
import type { ProjectionStatement, StatementProjection } from '@upgrade-control/platform';

/**
 * The reviews emergencies owe and their follow-ups, written with each event (ADR 9). A review is
 * due once, closed once, a follow-up done once: applying an event again changes nothing (ADR 10).
 * Times that are not in the payload come from the event.
 */
export const projectReviews: StatementProjection = (event) => {
  switch (event.type) {
    case 'PostImplementationReviewDue': {
      const p = event.payload as PayloadOf<typeof E.PostImplementationReviewDue>;
      return [
        statement(
          `INSERT INTO post_implementation_reviews (upgrade_id, due_at, fell_due_at) VALUES ($1,$2,$3)
           ON CONFLICT (upgrade_id) DO NOTHING`,
          [p.upgradeId, p.dueAt, event.occurredAt],
        ),
      ];
    }
    case 'PostImplementationReviewClosed': {
      const p = event.payload as PayloadOf<typeof E.PostImplementationReviewClosed>;
      return [
        statement(
          `UPDATE post_implementation_reviews SET closed_at = $2, closed_by = $3 WHERE upgrade_id = $1 AND closed_at IS NULL`,
          [p.upgradeId, event.occurredAt, p.closedBy],
        ),
        ...p.followUps.map((f) =>
          statement(
            `INSERT INTO review_follow_ups (upgrade_id, follow_up, action, owner, due_at) VALUES ($1,$2,$3,$4,$5)
             ON CONFLICT (upgrade_id, follow_up) DO NOTHING`,
            [p.upgradeId, f.followUp, f.action, f.owner, f.dueAt],
          ),
        ),
      ];
    }
    case 'PostImplementationFollowUpDone': {
      const p = event.payload as PayloadOf<typeof E.PostImplementationFollowUpDone>;
      return [
        statement(
          `UPDATE review_follow_ups SET done_at = $3, done_by = $4 WHERE upgrade_id = $1 AND follow_up = $2 AND done_at IS NULL`,
          [p.upgradeId, p.followUp, event.occurredAt, p.doneBy],
        ),
      ];
    }
    default:
      return [];
  }
};

const statement = (sql: string, parameters: unknown[]): ProjectionStatement => ({ sql, parameters });
