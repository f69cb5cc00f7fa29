import { Injectable } from '@nestjs/common';
import { Database } from '@upgrade-control/platform';
import {
  ReviewReadModel,
  type FollowUpLine,
  type ReviewLine,
  type ReviewListStatus,
} from '../application/review-read-model.js';

/** The reviews tables (reviews.projection.ts); overdue is judged here, at the time the query gives. */
@Injectable()
export class SqlReviewReadModel extends ReviewReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async list(status: ReviewListStatus, now: Date): Promise<{ reviews: ReviewLine[]; followUps: FollowUpLine[] }> {
    const overdueOnly = status === 'overdue';
    const [reviews, followUps] = await Promise.all([
      this.db.query<ReviewLine>(
        `SELECT r.upgrade_id AS "upgradeId", p.title, r.due_at AS "dueAt", r.due_at < $1 AS overdue,
                r.closed_at AS "closedAt", r.closed_by AS "closedBy"
           FROM post_implementation_reviews r JOIN plans p USING (upgrade_id)
          WHERE r.closed_at IS NULL AND (NOT $2 OR r.due_at < $1) ORDER BY r.due_at LIMIT 500`,
        [now, overdueOnly],
      ),
      this.db.query<FollowUpLine>(
        `SELECT upgrade_id AS "upgradeId", follow_up AS "followUp", action, owner, due_at AS "dueAt",
                due_at < $1 AS overdue, done_at AS "doneAt", done_by AS "doneBy"
           FROM review_follow_ups WHERE done_at IS NULL AND (NOT $2 OR due_at < $1) ORDER BY due_at LIMIT 500`,
        [now, overdueOnly],
      ),
    ]);
    return { reviews, followUps };
  }
}
