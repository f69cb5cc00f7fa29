import { createHash, createHmac, randomBytes } from 'node:crypto';

// How planning signs a notice webhook; receivers verify it the same way (README, "Notice webhooks").

/** A new secret for a subscription that brought none: returned once, at registration. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** What events and answers show of a secret: the first 16 hex digits of its SHA-256. */
export const secretFingerprint = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);

/**
 * `v1,` + base64 HMAC-SHA256, keyed with the secret's UTF-8 bytes, over
 * `<webhook-id>.<webhook-timestamp>.<body>`: the id and time are signed too, so a receiver can
 * refuse replays of an old body (check the timestamp is recent) and drop duplicates by id.
 */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
