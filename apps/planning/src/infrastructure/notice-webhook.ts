import { cloudEventType } from '@upgrade-control/contracts';
import { webhookSignature } from '../application/webhook-signing.js';

/** A worklist row: one notice to one subscriber endpoint. */
export interface PendingDelivery {
  deliveryId: string;
  upgradeId: string;
  userGroup: string;
  subscriptionId: string;
  url: string;
  attempts: number;
  notice: {
    noticeId: string;
    phase: string;
    channel: string;
    message: Record<string, unknown>;
    requestedAt: string;
  };
}

export type SendResult =
  | { outcome: 'delivered'; statusCode: number }
  | { outcome: 'transient' | 'permanent'; statusCode: number | null; reason: string };

/**
 * The notice as a CloudEvent in structured mode. Its id is the delivery's, the same on every
 * attempt, so a receiver drops what it already has.
 */
export function noticeCloudEvent(d: PendingDelivery): string {
  return JSON.stringify({
    specversion: '1.0',
    id: d.deliveryId,
    source: '/upgrade-control/planning',
    type: cloudEventType('UserNotice', 1),
    subject: d.upgradeId,
    time: d.notice.requestedAt,
    datacontenttype: 'application/json',
    data: {
      upgradeId: d.upgradeId,
      noticeId: d.notice.noticeId,
      phase: d.notice.phase,
      userGroup: d.userGroup,
      channel: d.notice.channel,
      message: d.notice.message,
    },
  });
}

/**
 * One attempt. 2xx delivered it; a network error, a timeout, 429 or 5xx may pass and is retried;
 * any other answer (4xx, a redirect) will not change by asking again.
 */
export async function sendNotice(
  d: PendingDelivery,
  secret: string,
  now: Date,
  timeoutMs: number,
): Promise<SendResult> {
  const body = noticeCloudEvent(d);
  const timestamp = Math.floor(now.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(d.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/cloudevents+json',
        'webhook-id': d.deliveryId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': webhookSignature(secret, d.deliveryId, timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
  } catch (error) {
    return { outcome: 'transient', statusCode: null, reason: `no answer from ${d.url}: ${(error as Error).message}` };
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { outcome: 'delivered', statusCode: status };
  const reason = `${d.url} answered ${status}`;
  return status === 429 || status >= 500
    ? { outcome: 'transient', statusCode: status, reason }
    : { outcome: 'permanent', statusCode: status, reason };
}
