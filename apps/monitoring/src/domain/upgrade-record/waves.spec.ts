import type { Actor } from '@upgrade-control/contracts';
import { recordFact } from '../../../../../test/support/fixtures/record-facts.js';
import { rolloutStartedPayload } from '../../../../../test/support/fixtures/rollout.js';
import { recordToMarkdown } from '../record-markdown.js';
import { compileRecord, recordHash } from '../upgrade-record.js';
import { toRecordEvent } from './record-event.js';
import { rollout, unsettledWaves } from './waves.js';

const operator: Actor = { id: 'otto', role: 'operator' };
const fact = (type: string, minute: number, payload: Record<string, unknown>) =>
  recordFact(type, minute, payload, operator);
const at = (minute: number) => new Date(Date.UTC(2027, 0, 16, 20, minute)).toISOString();

const executionStarted = fact('ExecutionStarted', 1, { startedAt: at(1) });
const rolloutStarted = fact('RolloutStarted', 2, rolloutStartedPayload('pg16', at(2)));
const pilotApplied = fact('UpgradeApplied', 10, {
  installed: [{ assetId: 'orders-db', version: '16.2' }],
  appliedAt: at(10),
});
const pilotAccepted = fact('WaveAccepted', 20, {
  wave: 'pilot',
  passedCriteria: ['c1'],
  acceptedAt: at(20),
  bakeUntil: at(140),
  promotion: 'approval',
});
const promoted = fact('WavePromoted', 150, {
  from: 'pilot',
  to: 'second',
  promotedBy: 'bob',
  promotedAt: at(150),
  bakedSince: at(20),
  rollbackDecisionDeadline: at(300),
});
const secondApplied = fact('UpgradeApplied', 160, {
  installed: [
    { assetId: 'reports-db', version: '16.2' },
    { assetId: 'stats-db', version: '16.2' },
  ],
  appliedAt: at(160),
});
const secondAccepted = fact('WaveAccepted', 170, {
  wave: 'second',
  passedCriteria: ['c1'],
  acceptedAt: at(170),
  bakeUntil: at(290),
  promotion: 'approval',
});

const pilotWave = {
  name: 'pilot',
  pilot: true,
  targets: ['orders-db'],
  startedAt: at(1),
  appliedAt: at(10),
  acceptedAt: at(20),
  bakeUntil: at(140),
  promotedAt: null,
  promotedBy: null,
  stopped: null,
  status: 'accepted',
};
const secondWave = {
  name: 'second',
  pilot: false,
  targets: ['reports-db', 'stats-db'],
  startedAt: null,
  appliedAt: null,
  acceptedAt: null,
  bakeUntil: null,
  promotedAt: null,
  promotedBy: null,
  stopped: null,
  status: 'pending',
};

describe('upgrade record: the timeline per wave', () => {
  it('leaves the waves out of the record of an upgrade without a rollout, so its hash stays what it was', () => {
    const record = compileRecord('pg16', [executionStarted, pilotApplied]);

    expect('waves' in record).toBe(false);
    // The hash this history had before records knew waves.
    expect(recordHash(record)).toBe('dd2a5282c17a6b2eee755b5f39d2188eda2374472e80807250c19f3879b68f07');
    expect(recordToMarkdown(record, 'h')).not.toContain('## Waves');
  });

  it('starts the first wave when the execution started and keeps the later ones pending', () => {
    const record = compileRecord('pg16', [executionStarted, rolloutStarted, pilotApplied, pilotAccepted]);

    expect(record.waves).toEqual([pilotWave, secondWave]);
  });

  it('records the promotion on the wave promoted and starts the next wave at that moment', () => {
    const record = compileRecord('pg16', [executionStarted, rolloutStarted, pilotApplied, pilotAccepted, promoted]);

    expect(record.waves).toEqual([
      { ...pilotWave, promotedAt: at(150), promotedBy: 'bob', status: 'promoted' },
      { ...secondWave, startedAt: at(150), status: 'running' },
    ]);
  });

  it('dates each apply and acceptance on the wave whose targets it moved', () => {
    const history = [executionStarted, rolloutStarted, pilotApplied, pilotAccepted, promoted, secondApplied];
    const record = compileRecord('pg16', [...history, secondAccepted]);

    expect(record.waves![1]).toEqual({
      ...secondWave,
      startedAt: at(150),
      appliedAt: at(160),
      acceptedAt: at(170),
      bakeUntil: at(290),
      status: 'accepted',
    });
  });

  it('records a wave rolled back and an earlier wave held, each with its reason and when', () => {
    const history = [executionStarted, rolloutStarted, pilotApplied, pilotAccepted, promoted, secondApplied];
    const rolledBack = fact('WaveRolledBack', 180, {
      wave: 'second',
      targets: ['reports-db', 'stats-db'],
      reason: 'error_rate regressed on reports-db',
    });
    const held = fact('WaveHeld', 181, { wave: 'pilot', stance: 'kept', reason: 'the plan holds earlier waves' });
    const record = compileRecord('pg16', [...history, rolledBack, held]);

    expect(record.waves!.map((w) => [w.name, w.status, w.stopped])).toEqual([
      ['pilot', 'held', { kind: 'held', stance: 'kept', reason: 'the plan holds earlier waves', at: at(181) }],
      [
        'second',
        'rolled-back',
        { kind: 'rolled-back', stance: null, reason: 'error_rate regressed on reports-db', at: at(180) },
      ],
    ]);
  });

  it('records a later wave cancelled before it started', () => {
    const cancelled = fact('WaveCancelled', 30, { wave: 'second', reason: 'the pilot regressed' });
    const record = compileRecord('pg16', [executionStarted, rolloutStarted, pilotApplied, cancelled]);

    expect(record.waves![1]).toMatchObject({
      startedAt: null,
      status: 'cancelled',
      stopped: { kind: 'cancelled', stance: null, reason: 'the pilot regressed', at: at(30) },
    });
  });

  it('shows the waves as a table in the markdown record', () => {
    const history = [executionStarted, rolloutStarted, pilotApplied, pilotAccepted, promoted];
    const cancelled = fact('WaveCancelled', 155, { wave: 'second', reason: 'the operator stopped it' });
    const markdown = recordToMarkdown(compileRecord('pg16', [...history, cancelled]), 'h');

    expect(markdown).toContain(
      [
        '## Waves',
        '| wave | pilot | targets | started | applied | accepted | bakes until | promoted | status |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| pilot | pilot | orders-db | ${at(1)} | ${at(10)} | ${at(20)} | ${at(140)} | ${at(150)} by bob | promoted |`,
        `| second |  | reports-db, stats-db | ${at(150)} | — | — | — | — | cancelled at ${at(155)}: the operator stopped it |`,
      ].join('\n'),
    );
  });
});

describe('the waves a rollout has yet to settle (what keeps monitoring open)', () => {
  const unsettled = (...history: ReturnType<typeof fact>[]) =>
    unsettledWaves(history.map(toRecordEvent).reduce(rollout.evolve, rollout.initial()));

  it('has none without a rollout', () => {
    expect(unsettled(executionStarted, pilotApplied)).toEqual([]);
  });

  it('has every wave while the first runs', () => {
    expect(unsettled(executionStarted, rolloutStarted, pilotApplied)).toEqual(['pilot', 'second']);
  });

  it('has the later wave while the first bakes after its acceptance', () => {
    expect(unsettled(executionStarted, rolloutStarted, pilotApplied, pilotAccepted)).toEqual(['second']);
  });

  it('has none once the last wave is accepted', () => {
    const history = [executionStarted, rolloutStarted, pilotApplied, pilotAccepted, promoted, secondApplied];
    expect(unsettled(...history, secondAccepted)).toEqual([]);
  });

  it('has none once a later wave is paused by the policy', () => {
    const paused = fact('WaveHeld', 30, { wave: 'second', stance: 'paused', reason: 'the pilot regressed' });
    expect(unsettled(executionStarted, rolloutStarted, pilotApplied, pilotAccepted, paused)).toEqual([]);
  });
});
