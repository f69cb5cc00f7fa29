import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { recordLogStatement } from '../../apps/monitoring/src/infrastructure/record-log.projection.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { eventually, uniqueName } from '../support/environment.js';
import { publishedStream } from '../support/published-history.js';
import { startService, type RunningService } from '../support/service-app.js';
import { SseClient } from '../support/sse-client.js';

// The browser's way onto the live stream (ADR 24): a short-lived token from POST /stream-tokens,
// given as ?access_token= because an EventSource cannot send headers. Against the real service,
// its real record log in PostgreSQL, and a clock the test moves.
const UPGRADE = 'stream-token-1';
const at = '2026-11-26T09:00:00.000Z';
const [requested, cancelled] = publishedStream(
  'planning',
  `upgrade-plan-${UPGRADE}`,
  UPGRADE,
  [
    {
      type: 'NoticeRequested',
      payload: {
        upgradeId: UPGRADE,
        noticeId: 'n-1',
        phase: 'before',
        userGroups: ['sales'],
        channel: 'webhook',
        message: {
          expectedTime: null,
          serviceImpact: null,
          limitations: null,
          contact: null,
          avoid: null,
          availableAgain: null,
          changes: null,
          knownIssues: null,
        },
        requestedAt: at,
        requestedBy: 'alice',
        reportedSentAt: null,
        deliveries: [],
      },
    },
    { type: 'UpgradeCancelled', payload: { upgradeId: UPGRADE, reason: 'postponed', cancelledBy: 'alice' } },
  ],
  new Date(at),
) as [EventEnvelope, EventEnvelope];

describe('stream tokens for the live stream', () => {
  let monitoring: RunningService;
  let now = new Date();
  const open: SseClient[] = [];

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env, () => now), {
      KAFKA_TOPIC_PREFIX: `${uniqueName('stream-token')}.`,
      SSE_POLL_MS: '50',
      STREAM_TOKEN_TTL_SECONDS: '60',
    });
    const client = new pg.Client({ connectionString: monitoring.db.url });
    await client.connect();
    try {
      for (const event of [requested, cancelled]) {
        const { sql, parameters } = recordLogStatement(event);
        await client.query(sql, parameters as unknown[]);
      }
    } finally {
      await client.end();
    }
  });
  beforeEach(() => {
    now = new Date();
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => monitoring.close());

  const issue = async (role: 'observer' | 'planner') =>
    (await monitoring.as(role).post('/stream-tokens').expect(200)).body as {
      token: string;
      expiresAt: string;
      lastEventId: string;
    };
  const stream = async (query: string) => {
    const client = await SseClient.open(monitoring.app, `/streams/events?upgradeId=${UPGRADE}&${query}`);
    open.push(client);
    return client;
  };
  const refusal = async (client: SseClient) => {
    await client.ended;
    return { status: client.status, detail: (JSON.parse(client.text) as { detail: string }).detail };
  };

  it('is issued for a few minutes to a signed-in reader', async () => {
    const { token, expiresAt } = await issue('observer');
    expect(token.split('.')).toHaveLength(3);
    expect(Date.parse(expiresAt) - now.getTime()).toBeGreaterThan(58_000);
    expect(Date.parse(expiresAt) - now.getTime()).toBeLessThanOrEqual(60_000);
  });

  it('is refused to a caller without credentials', async () => {
    const response = await monitoring.anonymous.post('/stream-tokens').expect(401);
    expect(response.body.detail).toBe('send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
  });

  it("opens the stream without a header and keeps the role's visibility (an observer sees no notices)", async () => {
    const client = await stream(`access_token=${(await issue('observer')).token}`);
    expect(client.status).toBe(200);
    await eventually(async () => client.messages.some((m) => m.event === 'UpgradeCancelled'), 10_000, 'the last event');
    expect(client.messages.map((m) => m.event)).toEqual(['UpgradeCancelled']);
    expect(client.data()).toEqual([cancelled]);
  });

  it('gives a planner the notices too: the token carries the role it was issued for', async () => {
    const client = await stream(`access_token=${(await issue('planner')).token}`);
    await client.waitFor(2, 'both events', 10_000);
    expect(client.messages.map((m) => m.event)).toEqual(['NoticeRequested', 'UpgradeCancelled']);
  });

  it('resumes after lastEventId when opened anew with a fresh token, as the page does before one expires', async () => {
    const first = await stream(`access_token=${(await issue('planner')).token}`);
    const [seen] = await first.waitFor(1, 'the first event', 10_000);
    first.close();
    const resumed = await stream(`access_token=${(await issue('planner')).token}&lastEventId=${seen!.id}`);
    await resumed.waitFor(1, 'the next event', 10_000);
    expect(resumed.messages.map((m) => m.event)).toEqual(['UpgradeCancelled']);
  });

  it('starts from the head it was issued with: what happens next, none of the history', async () => {
    const { token, lastEventId } = await issue('planner');
    const client = await stream(`access_token=${token}&lastEventId=${lastEventId}`);
    const [later] = publishedStream(
      'planning',
      `upgrade-plan-${UPGRADE}-later`,
      UPGRADE,
      [{ type: 'UpgradeCancelled', payload: { upgradeId: UPGRADE, reason: 'again', cancelledBy: 'alice' } }],
      new Date(at),
    ) as [EventEnvelope];
    const { sql, parameters } = recordLogStatement(later);
    await monitoring.app.get(DataSource).query(sql, parameters as unknown[]);
    await client.waitFor(1, 'the event after the head', 10_000);
    // The two events held before the token was issued are behind the head: never sent.
    expect(client.data()).toEqual([later]);
  });

  it('is refused once expired', async () => {
    const { token } = await issue('observer');
    now = new Date(now.getTime() + 61_000);
    expect(await refusal(await stream(`access_token=${token}`))).toEqual({
      status: 401,
      detail: 'invalid stream token: "exp" claim timestamp check failed',
    });
  });

  it('is refused when forged (signed with a key monitoring does not hold)', async () => {
    const forged = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'uc-stream+jwt' })
      .setIssuer('upgrade-control:monitoring')
      .setAudience('upgrade-control:stream')
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(generateKeyPairSync('ed25519').privateKey);
    expect(await refusal(await stream(`access_token=${forged}`))).toEqual({
      status: 401,
      detail: 'invalid stream token: signature verification failed',
    });
  });

  it('is refused in the query of any other route', async () => {
    const { token } = await issue('observer');
    const response = await monitoring.anonymous.get(`/audit/upgrades/${UPGRADE}/events?access_token=${token}`);
    expect({ status: response.status, detail: response.body.detail }).toEqual({
      status: 401,
      detail: 'access_token is accepted on GET /streams/events only; send a header',
    });
  });

  it('is refused as a bearer token, on the stream and anywhere else', async () => {
    const { token } = await issue('observer');
    for (const path of [`/audit/upgrades/${UPGRADE}/events`, '/streams/events?type=NotAnEventType']) {
      const response = await monitoring.anonymous.get(path).set('authorization', `Bearer ${token}`);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(response.body.detail).toMatch(/^invalid bearer token: /);
    }
  });
});
