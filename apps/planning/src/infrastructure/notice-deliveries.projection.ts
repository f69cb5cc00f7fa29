import type { PayloadOf } from '@upgrade-control/contracts';
import type * as E from '@upgrade-control/contracts';
import type { StatementProjection } from '@upgrade-control/platform';

/**
 * The dispatcher's worklist from the plan's events, written with every append (ADR 9): a
 * requested notice adds one pending row per delivery, due at once; a recorded outcome ends it.
 * Rows are keyed by delivery id and an ended row never becomes pending again, so an event applied
 * twice changes nothing (ADR 10).
 */
export const projectNoticeDeliveries: StatementProjection = (e) => {
  if (e.type === 'NoticeRequested') {
    const { deliveries, ...notice } = e.payload as PayloadOf<typeof E.NoticeRequested>;
    return [
      {
        sql: `INSERT INTO notice_deliveries
                (delivery_id, upgrade_id, notice_id, user_group, subscription_id, url, notice, status, next_attempt_at)
              SELECT d.id, $1, $2, d.grp, d.sub, d.url, $3::json, 'pending', $4
              FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS d(id, grp, sub, url)
              ON CONFLICT (delivery_id) DO NOTHING`,
        parameters: [
          notice.upgradeId,
          notice.noticeId,
          JSON.stringify(notice),
          notice.requestedAt,
          deliveries.map((d) => d.deliveryId),
          deliveries.map((d) => d.userGroup),
          deliveries.map((d) => d.subscriptionId),
          deliveries.map((d) => d.url),
        ],
      },
    ];
  }
  if (e.type === 'NoticeDelivered' || e.type === 'NoticeDeliveryFailed') {
    const status = e.type === 'NoticeDelivered' ? 'delivered' : 'failed';
    return [
      {
        sql: `UPDATE notice_deliveries SET status = $2 WHERE delivery_id = $1`,
        parameters: [(e.payload as { deliveryId: string }).deliveryId, status],
      },
    ];
  }
  return [];
};
