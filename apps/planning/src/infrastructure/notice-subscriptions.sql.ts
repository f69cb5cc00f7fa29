import { Injectable } from '@nestjs/common';
import { Database, pageOf, type Page, type PageRequest, type Transaction } from '@upgrade-control/platform';
import { NoticeSubscriptions, type NoticeSubscription } from '../application/notice-subscriptions.js';
import type { NoticeSubscriber } from '../domain/notices.js';

const COLUMNS = `subscription_id AS "subscriptionId", audience, url, secret_fingerprint AS "secretFingerprint"`;

@Injectable()
export class SqlNoticeSubscriptions extends NoticeSubscriptions {
  constructor(private readonly db: Database) {
    super();
  }

  async register(s: NoticeSubscription & { secret: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO notice_subscriptions
         (subscription_id, audience, url, secret, secret_fingerprint, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.subscriptionId, s.audience, s.url, s.secret, s.secretFingerprint, s.createdBy, s.createdAt],
    );
  }

  async list(audience: string | null, page: PageRequest): Promise<Page<NoticeSubscription>> {
    const [createdAt = null, subscriptionId = null] = page.after ?? [];
    const rows = await this.db.query<NoticeSubscription>(
      `SELECT ${COLUMNS}, created_by AS "createdBy", to_json(created_at)#>>'{}' AS "createdAt"
       FROM notice_subscriptions WHERE removed_at IS NULL AND ($1::text IS NULL OR audience = $1)
        AND ($2::timestamptz IS NULL OR (created_at, subscription_id) > ($2::timestamptz, $3::text))
       ORDER BY created_at, subscription_id LIMIT $4`,
      [audience, createdAt, subscriptionId, page.limit + 1],
    );
    return pageOf(rows, page, (s) => [new Date(s.createdAt).toISOString(), s.subscriptionId]);
  }

  async remove(subscriptionId: string, at: Date): Promise<boolean> {
    // A CTE, so the answer is rows (TypeORM answers a bare UPDATE with [rows, count]).
    const [removed] = await this.db.query<{ n: number }>(
      `WITH removed AS (UPDATE notice_subscriptions SET removed_at = $2
                        WHERE subscription_id = $1 AND removed_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM removed`,
      [subscriptionId, at.toISOString()],
    );
    return removed!.n > 0;
  }

  subscribersOf(groups: string[] | null, tx?: Transaction): Promise<NoticeSubscriber[]> {
    return this.db.query<NoticeSubscriber>(
      `SELECT ${COLUMNS} FROM notice_subscriptions WHERE removed_at IS NULL AND ($1::text[] IS NULL OR audience = ANY($1))
       ORDER BY created_at, subscription_id`,
      [groups],
      tx,
    );
  }
}
