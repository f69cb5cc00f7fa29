import pg from 'pg';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { recordLogStatement } from '../../apps/monitoring/src/infrastructure/record-log.projection.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { eventually, uniqueName } from '../support/environment.js';
import { walkPages } from '../support/pages.js';
import { expectProblem } from '../support/problems.js';
import { publishedStream } from '../support/published-history.js';
import { KEYS, startService, type RunningService } from '../support/service-app.js';
import { SseClient } from '../support/sse-client.js';

// EVENT_VISIBILITY on both event feeds, against the real record log in PostgreSQL: a notice's
// webhook target (its URL carries the receiver's token) reaches planners, operators and auditors,
// approvers get the notice without it, observers not at all; every reading role gets the rest.
const UPGRADE = 'visibility-1';
const URL_WITH_TOKEN = 'https://hooks.example/T0/B0/receiver-token-4711';
const at = '2026-11-26T09:00:00.000Z';
const notice = { upgradeId: UPGRADE, noticeId: 'n-1', phase: 'before' as const };
const delivery = { deliveryId: 'd-1', userGroup: 'sales', subscriptionId: 's-1' };
const message = {
  expectedTime: null,
  serviceImpact: null,
  limitations: null,
  contact: null,
  avoid: null,
  availableAgain: null,
  changes: null,
  knownIssues: null,
};
const events = publishedStream(
  'planning',
  `upgrade-plan-${UPGRADE}`,
  UPGRADE,
  [
    {
      type: 'NoticeRequested',
      payload: {
        ...notice,
        userGroups: ['sales'],
        channel: 'webhook',
        message,
        requestedAt: at,
        requestedBy: 'alice',
        reportedSentAt: null,
        deliveries: [{ ...delivery, url: URL_WITH_TOKEN, secretFingerprint: '0123456789abcdef' }],
      },
    },
    {
      type: 'NoticeDeliveryFailed',
      payload: {
        ...notice,
        ...delivery,
        attempts: 1,
        failedAt: at,
        statusCode: 404,
        reason: `${URL_WITH_TOKEN} answered 404`,
      },
    },
    { type: 'UpgradeCancelled', payload: { upgradeId: UPGRADE, reason: 'postponed', cancelledBy: 'alice' } },
  ],
  new Date(at),
);
const [requested, failed, cancelled] = events as [EventEnvelope, EventEnvelope, EventEnvelope];

type Role = 'planner' | 'approver' | 'operator' | 'observer' | 'auditor';

describe('what each role sees of the events', () => {
  let monitoring: RunningService;
  const open: SseClient[] = [];

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: `${uniqueName('visibility')}.`,
      SSE_POLL_MS: '50',
    });
    const client = new pg.Client({ connectionString: monitoring.db.url });
    await client.connect();
    try {
      for (const event of events) {
        const { sql, parameters } = recordLogStatement(event);
        await client.query(sql, parameters as unknown[]);
      }
    } finally {
      await client.end();
    }
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => monitoring.close());

  /** The stream of the upgrade as this role receives it, up to the last event (every role sees that one). */
  const streamed = async (role: Role) => {
    const stream = await SseClient.open(monitoring.app, `/streams/events?upgradeId=${UPGRADE}`, {
      'x-api-key': KEYS[role],
    });
    open.push(stream);
    expect(stream.status).toBe(200);
    await eventually(async () => stream.messages.some((m) => m.event === 'UpgradeCancelled'), 10_000, 'the last event');
    return {
      types: stream.messages.map((m) => m.event),
      text: stream.text,
      data: stream.data<EventEnvelope & { redacted?: string[] }>(),
    };
  };
  /** The history pages of one event each, as this role reads them. */
  const historyPages = (role: Role) =>
    walkPages<EventEnvelope & { redacted?: string[] }>(
      monitoring.as(role),
      `/audit/upgrades/${UPGRADE}/events?limit=1`,
    );
  const history = async (role: Role) => (await historyPages(role)).flat();

  it.each(['planner', 'operator', 'auditor'] as const)('serves the %s role every event as published', async (role) => {
    const live = await streamed(role);
    expect(live.data).toEqual(events);
    expect(await history(role)).toEqual(events);
  });

  it('serves an approver the notice without its webhook target, and says what it left out', async () => {
    const expected = [
      {
        ...requested,
        payload: { ...requested.payload, deliveries: [delivery] },
        redacted: ['payload.deliveries[].url', 'payload.deliveries[].secretFingerprint'],
      },
      {
        ...failed,
        payload: { ...notice, ...delivery, attempts: 1, failedAt: at, statusCode: 404 },
        redacted: ['payload.reason'],
      },
      cancelled,
    ];
    const live = await streamed('approver');
    expect(live.data).toEqual(expected);
    expect(live.text).not.toContain('receiver-token-4711');
    const served = await history('approver');
    expect(served).toEqual(expected);
    expect(JSON.stringify(served)).not.toContain('receiver-token-4711');
  });

  it('serves an observer no notice deliveries at all, and the other events whole', async () => {
    const live = await streamed('observer');
    expect(live.types).toEqual(['UpgradeCancelled']);
    expect(live.data).toEqual([cancelled]);
    expect(await history('observer')).toEqual([cancelled]);
  });

  it('pages the history one event at a time, each once, the last without next', async () => {
    expect(await historyPages('auditor')).toEqual([[requested], [failed], [cancelled]]);
  });

  it('fills an observer’s page past the events hidden from it: no empty page, none lost', async () => {
    expect(await historyPages('observer')).toEqual([[cancelled]]);
  });

  it('refuses a bad limit or cursor of the history with 400 naming the field', async () => {
    const path = `/audit/upgrades/${UPGRADE}/events`;
    expectProblem(await monitoring.as('auditor').get(`${path}?limit=0`), 400, 'limit', 'min');
    const forged = Buffer.from('["2026-11-26T09:00:00Z","planning"]').toString('base64url');
    expectProblem(await monitoring.as('auditor').get(`${path}?cursor=${forged}`), 400, 'cursor', 'cursor');
  });

  it('serves an agent neither feed', async () => {
    for (const path of ['/streams/events', `/audit/upgrades/${UPGRADE}/events`]) {
      const refused = await monitoring.as('agent').get(path).expect(403);
      expect(refused.body).toMatchObject({ detail: expect.stringContaining('role agent may not') });
    }
  });
});
