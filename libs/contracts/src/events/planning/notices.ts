import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime, nonEmptyText } from '../common.js';
import { noticeMessage } from './scheduling.js';

/**
 * Notices as outbound webhooks (ADR 13): a notice is requested, then delivered to each subscriber
 * endpoint of each user group, or its delivery fails. A group counts as told only once a delivery
 * to it succeeded (2xx). Events name a subscription by its id and its secret's fingerprint, never
 * the secret.
 */

export const NOTICE_PHASES = ['before', 'after', 'rollback'] as const;

const delivery = z.object({
  /** The CloudEvent id the receiver sees on every attempt, so it can drop duplicates. */
  deliveryId: id,
  userGroup: nonEmptyText,
  subscriptionId: id,
  url: z.url({ protocol: /^https?$/ }),
  /** The first 16 hex digits of SHA-256 over the subscription's secret. */
  secretFingerprint: z.string().regex(/^[0-9a-f]{16}$/),
});

export const NoticeRequested = defineEvent({
  type: 'NoticeRequested',
  producer: 'planning',
  description:
    'A notice to user groups was requested (before or after the window, or after a rollback): one delivery per subscriber endpoint of each group follows. requestedAt is the server clock.',
  schema: z.object({
    upgradeId: id,
    noticeId: id,
    phase: z.enum(NOTICE_PHASES),
    userGroups: z.array(nonEmptyText).min(1),
    /** The channel the sender names for the receivers (informative); the transport is the webhook. */
    channel: z.string().min(1),
    message: noticeMessage,
    requestedAt: isoDateTime,
    requestedBy: id,
    /** The sender's own account of when it went out: informative only, never counted. */
    reportedSentAt: isoDateTime.nullable(),
    deliveries: z.array(delivery).min(1),
  }),
});

const outcome = {
  upgradeId: id,
  noticeId: id,
  phase: z.enum(NOTICE_PHASES),
  deliveryId: id,
  userGroup: nonEmptyText,
  subscriptionId: id,
  /** Attempts made, this one included. */
  attempts: z.number().int().min(1),
};

export const NoticeDelivered = defineEvent({
  type: 'NoticeDelivered',
  producer: 'planning',
  description:
    'A subscriber endpoint of the user group answered 2xx to the notice: the group counts as told from deliveredAt (server clock).',
  schema: z.object({ ...outcome, deliveredAt: isoDateTime, statusCode: z.number().int().min(200).max(299) }),
});

export const NoticeDeliveryFailed = defineEvent({
  type: 'NoticeDeliveryFailed',
  producer: 'planning',
  description:
    'A delivery gave up: the endpoint refused it (4xx other than 429), its subscription was removed, or every retry of a transient failure (network, 5xx, 429) failed.',
  schema: z.object({
    ...outcome,
    failedAt: isoDateTime,
    statusCode: z.number().int().nullable(),
    reason: nonEmptyText,
  }),
});
