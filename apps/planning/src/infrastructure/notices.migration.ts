import { sqlMigration } from '@upgrade-control/platform';

/**
 * Notices as webhooks (ADR 13). notice_subscriptions holds each subscriber endpoint with its
 * secret: the one place the secret lives (events carry its fingerprint). notice_deliveries is the
 * dispatcher's worklist, kept from the plan's events with every append, so pending deliveries
 * survive restarts; attempts and the next attempt are the dispatcher's own bookkeeping. The plan
 * rows are folded again: the plan's shape grew (the notice requests).
 */
export const PlanningNotices1765000000200 = sqlMigration('PlanningNotices1765000000200', {
  up: [
    `
      CREATE TABLE notice_subscriptions (
        subscription_id    text PRIMARY KEY,
        audience           text NOT NULL,
        url                text NOT NULL,
        secret             text NOT NULL,
        secret_fingerprint text NOT NULL,
        created_by         text NOT NULL,
        created_at         timestamptz NOT NULL,
        removed_at         timestamptz
      )`,
    `CREATE INDEX notice_subscriptions_audience ON notice_subscriptions (audience) WHERE removed_at IS NULL`,
    `
      CREATE TABLE notice_deliveries (
        delivery_id     text PRIMARY KEY,
        upgrade_id      text NOT NULL,
        notice_id       text NOT NULL,
        user_group      text NOT NULL,
        subscription_id text NOT NULL,
        url             text NOT NULL,
        notice          json NOT NULL,
        status          text NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text
      )`,
    `CREATE INDEX notice_deliveries_due ON notice_deliveries (next_attempt_at) WHERE status = 'pending'`,
    `UPDATE plans SET plan = NULL`,
  ],
  down: [`DROP TABLE notice_deliveries, notice_subscriptions`],
});
