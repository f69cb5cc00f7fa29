// The users' side of notices (ADR 13): a small HTTP receiver in the demo process, registered as
// the subscriber endpoint of each user group. It verifies every signature with the secret planning
// generated for the subscription (README, "Notice webhooks") and drops duplicates by webhook-id.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { ok, until } from './client.mjs';

/** One receiver per process, started on first use; it never keeps the process alive. */
let shared = null;

function verified(secret, headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!secret || !id || !timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64'));
  return signature
    .split(' ')
    .some(
      (s) =>
        s.startsWith('v1,') &&
        Buffer.byteLength(s) - 3 === expected.length &&
        timingSafeEqual(Buffer.from(s.slice(3)), expected),
    );
}

function start() {
  const receiver = { url: '', secrets: new Map(), seen: new Set(), log: () => {} };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (!verified(receiver.secrets.get(request.url), request.headers, body)) {
        response.statusCode = 401;
        return response.end();
      }
      const id = request.headers['webhook-id'];
      if (!receiver.seen.has(id)) {
        receiver.seen.add(id);
        const { subject, data } = JSON.parse(body);
        receiver.log(`   ✉ ${data.userGroup} received the ${data.phase} notice for ${subject} (signature verified)`);
      }
      response.statusCode = 204;
      response.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      receiver.url = `http://127.0.0.1:${server.address().port}/notices`;
      resolve(receiver);
    }),
  );
}

/**
 * Registers the receiver for each group; planning generates each secret and shows it this once.
 * Returns the function that removes the subscriptions again.
 */
export async function subscribeReceiver({ api, groups, log }) {
  const receiver = await (shared ??= start());
  receiver.log = log;
  const ids = [];
  for (const group of groups) {
    const path = `/notices/${group}/${randomUUID()}`;
    const subscription = await ok(
      api.planner.POST('/notice-subscriptions', {
        body: { audience: group, url: `${receiver.url.replace('/notices', '')}${path}` },
      }),
    );
    receiver.secrets.set(path, subscription.secret);
    ids.push(subscription.subscriptionId);
  }
  return async () => {
    for (const subscriptionId of ids)
      await ok(api.planner.DELETE('/notice-subscriptions/{subscriptionId}', { params: { path: { subscriptionId } } }));
  };
}

/** Waits until planning counts the gate as passed: the notices it needs were delivered. */
export async function noticeDelivered(api, upgradeId, gate) {
  await until(`${gate}: the notice delivered for ${upgradeId}`, async () => {
    const report = await ok(api.observer.GET('/upgrades/{upgradeId}/gates', { params: { path: { upgradeId } } }));
    return report.gates.find((g) => g.gate === gate)?.status === 'passed' || undefined;
  });
}
