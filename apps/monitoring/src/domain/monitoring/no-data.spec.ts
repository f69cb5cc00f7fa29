import {
  monitoringSpec as spec,
  monitoringStarted as started,
} from '../../../../../test/support/fixtures/monitoring.js';
import { type MonitoringEvent, type Observation, type Silence } from '../monitoring.decider.js';

const silence = (windowFrom: string, windowTo: string): Silence => ({
  assetId: 'orders-db',
  metric: 'error_rate',
  triggerId: 'errors',
  windowFrom,
  windowTo,
});
const calm: Observation = {
  assetId: 'orders-db',
  metric: 'error_rate',
  triggerId: 'errors',
  baseline: 0.01,
  observed: 0.01,
  threshold: 0.02,
  breached: false,
  windowFrom: '2027-01-17T03:55:00.000Z',
  windowTo: '2027-01-17T04:00:00.000Z',
};
const evaluate = (iso: string, silences: Silence[], observations: Observation[] = []) => ({
  type: 'EvaluateMonitoring' as const,
  now: new Date(iso),
  observations,
  silences,
  triggerMetrics: [],
  windowStartsAt: '2027-01-16T20:00:00.000Z',
  extensionMinutes: 60,
  analyses: [],
  unsettledWaves: [],
});
const noData: MonitoringEvent = {
  type: 'NoDataDetected',
  payload: {
    upgradeId: 'pg16',
    assetId: 'orders-db',
    metric: 'error_rate',
    triggerId: 'errors',
    windowFrom: '2027-01-17T00:55:00.000Z',
    windowTo: '2027-01-17T01:00:00.000Z',
  },
};

describe('no data is a finding', () => {
  it('reports a trigger metric without samples over a window inside the period, once per silence', () => {
    spec
      .given([started])
      .when(evaluate('2027-01-17T01:00:00Z', [silence('2027-01-17T00:55:00.000Z', '2027-01-17T01:00:00.000Z')]))
      .then([noData]);
    spec
      .given([started, noData])
      .when(evaluate('2027-01-17T01:01:00Z', [silence('2027-01-17T00:56:00.000Z', '2027-01-17T01:01:00.000Z')]))
      .then([]);
  });

  it('waits until the evaluation window has passed inside the period', () => {
    spec
      .given([started])
      .when(evaluate('2027-01-17T00:03:00Z', [silence('2027-01-16T23:58:00.000Z', '2027-01-17T00:03:00.000Z')]))
      .then([]);
  });

  it('blocks stability: a dead collector extends the period instead of confirming it', () => {
    spec
      .given([started, noData])
      .when(evaluate('2027-01-17T04:00:00Z', [silence('2027-01-17T03:55:00.000Z', '2027-01-17T04:00:00.000Z')]))
      .then([
        {
          type: 'MonitoringExtended',
          payload: {
            upgradeId: 'pg16',
            newEndsAt: '2027-01-17T05:00:00.000Z',
            openItems: ['no data orders-db error_rate'],
          },
        },
      ]);
  });

  it('closes the finding when samples arrive again, and then the period may end stable', () => {
    spec
      .given([started, noData])
      .when(evaluate('2027-01-17T04:00:00Z', [], [calm]))
      .then([
        {
          type: 'DataResumed',
          payload: {
            upgradeId: 'pg16',
            assetId: 'orders-db',
            metric: 'error_rate',
            resumedAt: '2027-01-17T04:00:00.000Z',
          },
        },
        { type: 'StabilityConfirmed', payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' } },
      ]);
  });
});
