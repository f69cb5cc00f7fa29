import {
  monitoringSpec as spec,
  monitoringStarted as started,
} from '../../../../../test/support/fixtures/monitoring.js';
import { type MonitoringEvent } from '../monitoring.decider.js';

const baseline = (to: string): MonitoringEvent => ({
  type: 'BaselineCaptured',
  payload: {
    upgradeId: 'pg16',
    assetId: 'orders-db',
    from: '2027-01-15T00:00:00.000Z',
    to,
    metrics: { error_rate: { mean: 0.01, p95: 0.02, max: 0.03, samples: 60 } },
  },
});
const periodEnd = {
  type: 'EvaluateMonitoring' as const,
  now: new Date('2027-01-17T04:00:00Z'),
  observations: [],
  silences: [],
  triggerMetrics: [{ assetId: 'orders-db', metric: 'error_rate', triggerId: 'errors' }],
  windowStartsAt: '2027-01-16T20:00:00.000Z',
  extensionMinutes: 60,
  analyses: [],
  unsettledWaves: [],
};
const extendedFor = (openItems: string[]): MonitoringEvent => ({
  type: 'MonitoringExtended',
  payload: { upgradeId: 'pg16', newEndsAt: '2027-01-17T05:00:00.000Z', openItems },
});
const missing = 'no baseline orders-db error_rate captured before the window opening 2027-01-16T20:00:00.000Z';

describe('each trigger metric needs a baseline from before the window', () => {
  it('reports a trigger metric without a baseline and does not confirm stability', () => {
    spec
      .given([started])
      .when(periodEnd)
      .then([extendedFor([missing])]);
  });

  it('does not count a baseline captured from a period reaching into the window', () => {
    spec
      .given([baseline('2027-01-16T21:00:00.000Z'), started])
      .when(periodEnd)
      .then([extendedFor([missing])]);
  });

  it('reports a trigger metric the captured baseline does not cover', () => {
    spec
      .given([baseline('2027-01-16T00:00:00.000Z'), started])
      .when({ ...periodEnd, triggerMetrics: [{ assetId: 'orders-db', metric: 'cpu', triggerId: 'cpu' }] })
      .then([extendedFor(['no baseline orders-db cpu captured before the window opening 2027-01-16T20:00:00.000Z'])]);
  });

  it('confirms stability when every trigger metric has a baseline from before the window', () => {
    spec
      .given([baseline('2027-01-16T00:00:00.000Z'), started])
      .when(periodEnd)
      .then([{ type: 'StabilityConfirmed', payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' } }]);
  });
});
