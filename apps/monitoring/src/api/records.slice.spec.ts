import {
  checkpointSigningInput,
  checkpointStreamId,
  checkpointType,
  type EventEnvelope,
} from '@upgrade-control/contracts';
import { signDetached, signingKeyFrom, TRUSTED_KEYS, trustedKeysFrom, verifyDetached } from '@upgrade-control/platform';
import {
  ApiSpecification,
  expectResponse,
  type Expectation,
  type TestRequest,
} from '@upgrade-control/platform/testing/http';
import { draftPlanStream, publishedStream } from '../../../../test/support/published-history.js';
import { GetUpgradeHistoryHandler } from '../application/get-upgrade-history.query.js';
import { GetUpgradeRecordHandler, GetUpgradeRecordMarkdownHandler } from '../application/get-upgrade-record.query.js';
import { compareCursors, RecordLog, type RecordCursor, type RecordFilter } from '../application/record-log.js';
import { VERIFY_PAGE_SIZE, VerifyRecordLogHandler } from '../application/verify-record-log.query.js';
import { LIVE_STREAM_SETTINGS, LiveStreams, liveStreamSettings } from './live-streams.js';
import { RecordSignature } from './record-signature.js';
import { RecordsController } from './records.controller.js';

// Signed exports and checkpoint verification through the real HTTP edge, over a log held in memory.

const streamOf = (e: EventEnvelope) => `${e.producer}/${e.streamId}`;

/** A record log holding exactly `events` (what monitoring's record_events would hold), the n-th at cursor 1.n. */
const logOf = (events: EventEnvelope[]) =>
  class implements RecordLog {
    forUpgrade = async (upgradeId: string) => events.filter((e) => e.correlationId === upgradeId);
    history = async () => [];
    streamsOf = async (upgradeId: string) => [
      ...new Set(events.filter((e) => e.correlationId === upgradeId).map(streamOf)),
    ];
    head = async () => ({ txId: '1', seq: String(events.length) });
    page = async (after: RecordCursor, filter: RecordFilter, limit: number) => {
      const rows = events
        .map((envelope, i) => ({ cursor: { txId: '1', seq: String(i + 1) }, type: envelope.type, envelope }))
        .filter(
          (r) =>
            compareCursors(r.cursor, after) > 0 && (!filter.streams || filter.streams.includes(streamOf(r.envelope))),
        )
        .slice(0, limit);
      return { events: rows, next: rows.at(-1)?.cursor ?? after };
    };
  };

const plan = draftPlanStream('sig-1');
const last = plan.at(-1)!;

/** Planning's checkpoint of the plan stream's head, signed with the development key. */
async function planningCheckpoint(): Promise<EventEnvelope> {
  const content = {
    sequence: 1,
    signedAt: '2026-12-01T01:00:00.000Z',
    heads: [{ streamId: last.streamId, version: last.streamVersion, hash: last.hash }],
  };
  const key = signingKeyFrom({ NODE_ENV: 'test' }, 'planning');
  const signature = await signDetached(checkpointSigningInput('planning', content), key);
  return publishedStream(
    'planning',
    checkpointStreamId('planning'),
    checkpointStreamId('planning'),
    [{ type: checkpointType('planning'), payload: { ...content, kid: key.kid, signature } }],
    new Date('2026-12-01T01:00:00Z'),
  )[0]!;
}

const sliceOver = (events: EventEnvelope[]) =>
  ApiSpecification.for({
    service: 'monitoring',
    controllers: [RecordsController],
    providers: [
      { provide: RecordLog, useClass: logOf(events) },
      { provide: TRUSTED_KEYS, useValue: trustedKeysFrom({ NODE_ENV: 'test' }) },
      { provide: LIVE_STREAM_SETTINGS, useValue: liveStreamSettings({}) },
      LiveStreams,
      RecordSignature,
      GetUpgradeRecordHandler,
      GetUpgradeRecordMarkdownHandler,
      GetUpgradeHistoryHandler,
      VerifyRecordLogHandler,
      // Smaller than the plan stream: every verification here reads the log in several pages.
      { provide: VERIFY_PAGE_SIZE, useValue: 2 },
    ],
  })();

const monitoringKeys = trustedKeysFrom({ NODE_ENV: 'test' }).get('monitoring')!;
const signedOverBody: Expectation = async ({ response }) => {
  const signature = response.headers['x-record-signature'] as string;
  const body = new TextEncoder().encode(response.text);
  expect(await verifyDetached(signature, body, monitoringKeys)).toEqual({ ok: true, kid: 'development' });
  const altered = new TextEncoder().encode(response.text.replace('sig-1', 'sig-2'));
  expect(await verifyDetached(signature, altered, monitoringKeys)).toMatchObject({ problem: 'bad-signature' });
};
const auditor =
  (path: string, accept = 'application/json'): TestRequest =>
  (request) =>
    request.get(path).set('x-api-key', 'dev-auditor').set('accept', accept).buffer(true);

describe('the records slice: signed exports and signed history', () => {
  it('signs the JSON record over its exact body (X-Record-Signature)', () =>
    sliceOver(plan)
      .when(auditor('/records/sig-1'))
      .then([
        expectResponse(200),
        ({ response }) => expect(JSON.parse(response.text).record.upgradeId).toBe('sig-1'),
        signedOverBody,
      ]));

  it('signs the Markdown record over its exact body', () =>
    sliceOver(plan)
      .when(auditor('/records/sig-1', 'text/markdown'))
      .then([
        expectResponse(200),
        ({ response }) => expect(response.headers['content-type']).toMatch(/^text\/markdown/),
        signedOverBody,
      ]));

  it('verifies the history against the signed checkpoint', async () =>
    sliceOver([...plan, await planningCheckpoint()])
      .when(auditor('/audit/verify'))
      .then([
        expectResponse(200, {
          body: { ok: true, broken: [], checkpoints: { checkpoints: 1, signedHeads: 1, broken: [] } },
        }),
      ]));

  it('names a plan stream rewritten with recomputed hashes, though its chain is consistent', async () => {
    const forged = publishedStream(
      'planning',
      last.streamId,
      'sig-1',
      plan.map((e) => ({ type: e.type, payload: e.payload })),
      new Date('2026-12-02T00:00:00Z'),
      { id: 'mallory', role: 'planner' },
    );
    return sliceOver([...forged, await planningCheckpoint()])
      .when(auditor('/audit/verify?upgradeId=sig-1'))
      .then([
        expectResponse(200, {
          body: {
            ok: false,
            broken: [],
            checkpoints: { broken: [{ producer: 'planning', streamId: last.streamId, problem: 'rewritten' }] },
          },
        }),
      ]);
  });
});
