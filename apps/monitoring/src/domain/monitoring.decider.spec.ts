import { monitoringSpec as spec, monitoringStarted as started } from '../../../../test/support/fixtures/monitoring.js';
import { type MonitoringEvent, type Observation } from './monitoring.decider.js';

const observe = (breached: boolean, observed = breached ? 0.05 : 0.01): Observation => ({
  assetId: 'orders-db',
  metric: 'error_rate',
  triggerId: 'errors',
  baseline: 0.01,
  observed,
  threshold: 0.02,
  breached,
  windowFrom: '2027-01-17T00:55:00.000Z',
  windowTo: '2027-01-17T01:00:00.000Z',
});
const evaluate = (iso: string, ...observations: Observation[]) => ({
  type: 'EvaluateMonitoring' as const,
  now: new Date(iso),
  observations,
  silences: [],
  triggerMetrics: [],
  windowStartsAt: '2027-01-16T20:00:00.000Z',
  extensionMinutes: 60,
  analyses: [],
  unsettledWaves: [],
});
const detected: MonitoringEvent = {
  type: 'RegressionDetected',
  payload: {
    upgradeId: 'pg16',
    assetId: 'orders-db',
    metric: 'error_rate',
    triggerId: 'errors',
    baseline: 0.01,
    observed: 0.05,
    threshold: 0.02,
    windowFrom: '2027-01-17T00:55:00.000Z',
    windowTo: '2027-01-17T01:00:00.000Z',
  },
};

const incident: MonitoringEvent = {
  type: 'IncidentReported',
  payload: { upgradeId: 'pg16', incidentId: 'inc-1', summary: 'slow report', severity: 'minor', reportedBy: 'oscar' },
};
const followUp: MonitoringEvent = {
  type: 'FollowUpAdded',
  payload: { upgradeId: 'pg16', followUpId: 'f1', description: 'retrain finance', owner: 'bi', dueOn: null },
};
const extendedBy = (openItems: string[]): MonitoringEvent => ({
  type: 'MonitoringExtended',
  payload: { upgradeId: 'pg16', newEndsAt: '2027-01-17T05:00:00.000Z', openItems },
});

describe('monitoring decider: breach episodes', () => {
  it('opens a breach episode on the first breached observation', () => {
    spec
      .given([started])
      .when(evaluate('2027-01-17T01:00:00Z', observe(true)))
      .then([detected]);
  });

  it('opens no episode over a window reaching back before the period: the breach was not sustained in it yet', () => {
    const early = { ...observe(true), windowFrom: '2027-01-16T23:59:00.000Z', windowTo: '2027-01-17T00:04:00.000Z' };
    spec.given([started]).when(evaluate('2027-01-17T00:04:00Z', early)).thenNothingHappened();
  });

  it('does not open the same episode twice while the breach lasts', () => {
    spec
      .given([started, detected])
      .when(evaluate('2027-01-17T01:01:00Z', observe(true)))
      .thenNothingHappened();
  });

  it('closes the episode once the metric is back under its threshold', () => {
    spec
      .given([started, detected])
      .when(evaluate('2027-01-17T01:10:00Z', observe(false)))
      .then([
        {
          type: 'RegressionResolved',
          payload: {
            upgradeId: 'pg16',
            assetId: 'orders-db',
            metric: 'error_rate',
            observed: 0.01,
            resolvedAt: '2027-01-17T01:10:00.000Z',
          },
        },
      ]);
  });
});

describe('monitoring decider: the end of the period', () => {
  it('confirms stability at the end of a clean period', () => {
    spec
      .given([started])
      .when(evaluate('2027-01-17T04:00:00Z', observe(false)))
      .then([{ type: 'StabilityConfirmed', payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' } }]);
  });

  it('extends a period with an open incident', () => {
    spec
      .given([started, incident])
      .when(evaluate('2027-01-17T04:00:00Z'))
      .then([extendedBy(['incident inc-1'])]);
  });

  it('extends a period with an open regression', () => {
    spec
      .given([started, detected])
      .when(evaluate('2027-01-17T04:00:00Z', observe(true)))
      .then([extendedBy(['regression orders-db error_rate'])]);
  });
});

describe('monitoring decider: baselines and follow-ups', () => {
  it('refuses a baseline without samples', () => {
    spec
      .given([])
      .when({
        type: 'CaptureBaseline',
        upgradeId: 'pg16',
        assetId: 'orders-db',
        from: '2027-01-01T00:00:00Z',
        to: '2027-01-02T00:00:00Z',
        metrics: {},
      })
      .thenRefuses('invalid', 'no samples for orders-db between 2027-01-01T00:00:00Z and 2027-01-02T00:00:00Z');
  });

  it('closes an open follow-up', () => {
    spec
      .given([started, followUp])
      .when({ type: 'CloseFollowUp', followUpId: 'f1', resolution: 'done' })
      .then([{ type: 'FollowUpClosed', payload: { upgradeId: 'pg16', followUpId: 'f1', resolution: 'done' } }]);
  });

  it('refuses to close a follow-up that was never added', () => {
    spec
      .given([started])
      .when({ type: 'CloseFollowUp', followUpId: 'f1', resolution: 'done' })
      .thenRefuses('not-found');
  });
});
