import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP receiver for notice webhooks, as a subscriber would run one: it verifies each
// signature itself (the README's recipe, written out independently of planning's code).

export interface ReceivedNotice {
  id: string;
  verified: boolean;
  event: { id: string; type: string; subject: string; data: { phase: string; userGroup: string; noticeId: string } };
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Every request, in arrival order, verified or not. */
  received: ReceivedNotice[];
  /** Status codes to answer next, one per request; 204 once they are used up. */
  answers: number[];
  close(): Promise<void>;
}

/** `v1,` + base64 HMAC-SHA256 keyed with the secret over `<webhook-id>.<webhook-timestamp>.<body>`. */
export function verifySignature(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const [id, timestamp, signature] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => headers[h]);
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return signature
    .split(' ')
    .some(
      (s) =>
        s.startsWith('v1,') &&
        s.length === expected.length + 3 &&
        timingSafeEqual(Buffer.from(s.slice(3)), Buffer.from(expected)),
    );
}

export async function startWebhookReceiver(secret = 'test-receiver-secret-0123456789'): Promise<WebhookReceiver> {
  const received: ReceivedNotice[] = [];
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifySignature(secret, request.headers, body);
      received.push({ id: String(request.headers['webhook-id']), verified, event: JSON.parse(body) });
      response.statusCode = verified ? (answers.shift() ?? 204) : 401;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    secret,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Notices are dispatched and retried within tenths of a second in tests. */
export const FAST_NOTICE_DISPATCH = {
  NOTICE_DISPATCH_INTERVAL_MS: '100',
  NOTICE_RETRY_BASE_MS: '100',
  NOTICE_RETRY_CAP_MS: '400',
};

type Planning = {
  as(role: 'planner'): { post(path: string): { send(body: object): { expect(status: number): unknown } } };
};

/** Registers the receiver as the subscriber endpoint of each group, with its secret. */
export async function subscribe(planning: Planning, receiver: WebhookReceiver, groups: string[]): Promise<void> {
  for (const audience of groups)
    await planning
      .as('planner')
      .post('/notice-subscriptions')
      .send({ audience, url: receiver.url, secret: receiver.secret })
      .expect(201);
}
