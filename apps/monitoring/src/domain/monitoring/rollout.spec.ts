import {
  monitoringSpec as spec,
  monitoringStarted as started,
} from '../../../../../test/support/fixtures/monitoring.js';
import { type MonitoringEvent } from '../monitoring.decider.js';

// pg16 as a staged rollout: the pilot moves orders-db, the second wave reports-db; each accepted
// step is watched 240 minutes, over the targets of the waves accepted so far.
const watch = (
  iso: string,
  step: string,
  assetIds = step === 'wave pilot accepted' ? ['orders-db'] : ['reports-db'],
) => ({
  type: 'WatchRollout' as const,
  upgradeId: 'pg16',
  assetIds,
  now: new Date(iso),
  minutes: 240,
  step,
});
const widened = (step: string): MonitoringEvent => ({
  type: 'MonitoringWidened',
  payload: { upgradeId: 'pg16', assetIds: ['reports-db'], step },
});
const evaluateAt = (iso: string, unsettledWaves: string[]) => ({
  type: 'EvaluateMonitoring' as const,
  now: new Date(iso),
  observations: [],
  silences: [],
  triggerMetrics: [],
  windowStartsAt: '2027-01-16T20:00:00.000Z',
  extensionMinutes: 60,
  analyses: [],
  unsettledWaves,
});
const extended = (newEndsAt: string, openItems: string[]): MonitoringEvent => ({
  type: 'MonitoringExtended',
  payload: { upgradeId: 'pg16', newEndsAt, openItems },
});
const stable: MonitoringEvent = {
  type: 'StabilityConfirmed',
  payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T08:00:00.000Z' },
};
const ended: MonitoringEvent = {
  type: 'MonitoringEndedByRollback',
  payload: { upgradeId: 'pg16', endedAt: '2027-01-17T01:00:00.000Z', reason: 'rolled back (regression): x' },
};

describe('monitoring watches a staged rollout', () => {
  it("starts the period over the first wave's targets when it is accepted", () => {
    spec
      .given([])
      .when(watch('2027-01-17T00:00:00Z', 'wave pilot accepted'))
      .then([
        {
          type: 'MonitoringStarted',
          payload: {
            upgradeId: 'pg16',
            assetIds: ['orders-db'],
            startsAt: '2027-01-17T00:00:00.000Z',
            endsAt: '2027-01-17T04:00:00.000Z',
          },
        },
      ]);
  });

  it("widens the watch to a later wave's targets and extends the period, naming the step, instead of refusing a second start", () => {
    spec
      .given([started])
      .when(watch('2027-01-17T02:30:00Z', 'wave second accepted'))
      .then([
        widened('wave second accepted'),
        extended('2027-01-17T06:30:00.000Z', [
          'wave second accepted: watched 240 minutes from 2027-01-17T02:30:00.000Z',
        ]),
      ]);
  });

  it("extends the period when the upgrade's acceptance follows the last wave's after the clock moved", () => {
    spec
      .given([
        started,
        widened('wave second accepted'),
        extended('2027-01-17T06:30:00.000Z', ['wave second accepted: watched 240 minutes']),
      ])
      .when(watch('2027-01-17T02:31:00Z', 'acceptance passed', ['orders-db', 'reports-db']))
      .then([
        extended('2027-01-17T06:31:00.000Z', ['acceptance passed: watched 240 minutes from 2027-01-17T02:31:00.000Z']),
      ]);
  });

  it('does not shorten or repeat: a step whose watch ends before the period does adds nothing', () => {
    spec
      .given([started])
      .when(watch('2027-01-16T23:00:00Z', 'acceptance passed', ['orders-db']))
      .thenNothingHappened();
  });

  it('widens the watch even when the period already runs long enough', () => {
    spec
      .given([started])
      .when(watch('2027-01-16T23:00:00Z', 'wave second accepted'))
      .then([widened('wave second accepted')]);
  });

  it('does not reopen a period a rollback ended', () => {
    spec.given([started, ended]).when(watch('2027-01-17T02:30:00Z', 'wave second accepted')).thenNothingHappened();
  });

  it('does not reopen a period that ended stable', () => {
    spec.given([started, stable]).when(watch('2027-01-17T09:00:00Z', 'wave second accepted')).thenNothingHappened();
  });

  it('does not end the period stable while a wave is pending: it names the wave and goes on', () => {
    spec
      .given([started])
      .when(evaluateAt('2027-01-17T04:00:00Z', ['second']))
      .then([extended('2027-01-17T05:00:00.000Z', ['wave second pending'])]);
  });

  it('confirms stability once every wave is settled and the period is over', () => {
    spec.given([started]).when(evaluateAt('2027-01-17T08:00:00Z', [])).then([stable]);
  });
});
