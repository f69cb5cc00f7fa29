import { checkpointStreamId, checkpointType, type EventEnvelope } from '@upgrade-control/contracts';
import { draftPlanStream, publishedStream } from '../../../../test/support/published-history.js';
import { replayCounts } from './audit-replay.js';

async function* each(events: EventEnvelope[]) {
  yield* events;
}

/** Planning's checkpoint as it lies in the topics: its own stream, its stream id as correlation id. */
const checkpoint = publishedStream(
  'planning',
  checkpointStreamId('planning'),
  checkpointStreamId('planning'),
  [
    {
      type: checkpointType('planning'),
      payload: { sequence: 1, signedAt: '2026-12-01T01:00:00.000Z', heads: [], kid: 'k', signature: 's' },
    },
  ],
  new Date('2026-12-01T01:00:00Z'),
);

describe('audit replay counts', () => {
  it('counts each upgrade’s events and leaves the signed checkpoints out', async () => {
    const a = draftPlanStream('replay-a');
    const b = draftPlanStream('replay-b');
    const log = [...a.slice(0, 2), ...checkpoint, ...b, ...a.slice(2)];
    expect(await replayCounts(each(log), {})).toEqual({
      events: a.length + b.length,
      upgrades: { 'replay-a': a.length, 'replay-b': b.length },
    });
  });

  it('counts only what the filter matches', async () => {
    const a = draftPlanStream('replay-a');
    const type = a[0]!.type;
    expect(await replayCounts(each([...a, ...checkpoint]), { types: new Set([type]) })).toEqual({
      events: a.filter((e) => e.type === type).length,
      upgrades: { 'replay-a': a.filter((e) => e.type === type).length },
    });
  });
});
