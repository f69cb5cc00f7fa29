import { Injectable } from '@nestjs/common';
import { Database, pageOf, type Page, type PageRequest } from '@upgrade-control/platform';
import {
  ReviewReadModel,
  type FollowUpLine,
  type ReviewLine,
  type ReviewListStatus,
} from '../application/review-read-model.js';

const instant = (at: Date | string): string => new Date(at).toISOString();

/**
 * The reviews tables (reviews.projection.ts); overdue is judged here, at the time the query gives.
 * Each list is a keyset page (ADR 27): due date first, the row's key breaking ties.
 */
@Injectable()
export class SqlReviewReadModel extends ReviewReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async reviews(status: ReviewListStatus, now: Date, page: PageRequest): Promise<Page<ReviewLine>> {
    const [dueAt = null, upgradeId = null] = page.after ?? [];
    const rows = await this.db.query<ReviewLine>(
      `SELECT r.upgrade_id AS "upgradeId", p.title, r.due_at AS "dueAt", r.due_at < $1 AS overdue,
              r.closed_at AS "closedAt", r.closed_by AS "closedBy"
         FROM post_implementation_reviews r JOIN plans p USING (upgrade_id)
        WHERE r.closed_at IS NULL AND (NOT $2 OR r.due_at < $1)
          AND ($3::timestamptz IS NULL OR (r.due_at, r.upgrade_id) > ($3::timestamptz, $4::text))
        ORDER BY r.due_at, r.upgrade_id LIMIT $5`,
      [now, status === 'overdue', dueAt, upgradeId, page.limit + 1],
    );
    return pageOf(rows, page, (review) => [instant(review.dueAt), review.upgradeId]);
  }

  async followUps(status: ReviewListStatus, now: Date, page: PageRequest): Promise<Page<FollowUpLine>> {
    const [dueAt = null, upgradeId = null, followUp = null] = page.after ?? [];
    const rows = await this.db.query<FollowUpLine>(
      `SELECT upgrade_id AS "upgradeId", follow_up AS "followUp", action, owner, due_at AS "dueAt",
              due_at < $1 AS overdue, done_at AS "doneAt", done_by AS "doneBy"
         FROM review_follow_ups
        WHERE done_at IS NULL AND (NOT $2 OR due_at < $1)
          AND ($3::timestamptz IS NULL OR (due_at, upgrade_id, follow_up) > ($3::timestamptz, $4::text, $5::integer))
        ORDER BY due_at, upgrade_id, follow_up LIMIT $6`,
      [now, status === 'overdue', dueAt, upgradeId, followUp, page.limit + 1],
    );
    return pageOf(rows, page, (line) => [instant(line.dueAt), line.upgradeId, line.followUp]);
  }
}
