import { sqlMigration } from '@upgrade-control/platform';

/**
 * The reviews emergencies owe and their follow-ups (reviews.projection.ts), listed by due date.
 * The plan's shape grew a review too: cached plans are folded again from their streams.
 */
export const PlanningReviews1765100000210 = sqlMigration('PlanningReviews1765100000210', {
  up: [
    `
      CREATE TABLE post_implementation_reviews (
        upgrade_id  text PRIMARY KEY,
        due_at      timestamptz NOT NULL,
        fell_due_at timestamptz NOT NULL,
        closed_at   timestamptz,
        closed_by   text
      )`,
    `CREATE INDEX post_implementation_reviews_open ON post_implementation_reviews (due_at) WHERE closed_at IS NULL`,
    `
      CREATE TABLE review_follow_ups (
        upgrade_id text NOT NULL,
        follow_up  integer NOT NULL,
        action     text NOT NULL,
        owner      text NOT NULL,
        due_at     timestamptz NOT NULL,
        done_at    timestamptz,
        done_by    text,
        PRIMARY KEY (upgrade_id, follow_up)
      )`,
    `CREATE INDEX review_follow_ups_open ON review_follow_ups (due_at) WHERE done_at IS NULL`,
    `UPDATE plans SET plan = NULL`,
  ],
  down: [`DROP TABLE review_follow_ups, post_implementation_reviews`],
});
