import {
  monitoringSpec as spec,
  monitoringStarted as started,
} from '../../../../../test/support/fixtures/monitoring.js';
import { type MonitoringEvent } from '../monitoring.decider.js';

const rollback = {
  type: 'EndMonitoringByRollback' as const,
  upgradeId: 'pg16',
  now: new Date('2027-01-17T01:00:00Z'),
  reason: 'rolled back (regression): error_rate on orders-db',
};
const ended: MonitoringEvent = {
  type: 'MonitoringEndedByRollback',
  payload: { upgradeId: 'pg16', endedAt: '2027-01-17T01:00:00.000Z', reason: rollback.reason },
};
const evaluateAtEnd = {
  type: 'EvaluateMonitoring' as const,
  now: new Date('2027-01-17T04:00:00Z'),
  observations: [],
  silences: [],
  triggerMetrics: [],
  windowStartsAt: '2027-01-16T20:00:00.000Z',
  extensionMinutes: 60,
  analyses: [],
  unsettledWaves: [],
};

describe('monitoring ends with a rollback', () => {
  it('ends an open period when execution rolls the upgrade back', () => {
    spec.given([started]).when(rollback).then([ended]);
  });

  it('never confirms stability for a rolled-back upgrade, even when its period is over', () => {
    spec.given([started, ended]).when(evaluateAtEnd).then([]);
  });

  it('never starts a period when the rollback is heard before acceptance', () => {
    spec.given([]).when(rollback).then([ended]);
    spec
      .given([ended])
      .when({ type: 'StartMonitoring', upgradeId: 'pg16', assetIds: ['orders-db'], now: new Date(), minutes: 60 })
      .then([]);
  });

  it('ends a period once: a redelivered rollback changes nothing', () => {
    spec.given([started, ended]).when(rollback).then([]);
  });

  it('leaves a period that already ended stable as it was', () => {
    const stable: MonitoringEvent = {
      type: 'StabilityConfirmed',
      payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' },
    };
    spec.given([started, stable]).when(rollback).then([]);
  });

  it('refuses a baseline for a rolled-back upgrade', () => {
    spec
      .given([ended])
      .when({
        type: 'CaptureBaseline',
        upgradeId: 'pg16',
        assetId: 'orders-db',
        from: '2027-01-16T00:00:00Z',
        to: '2027-01-16T12:00:00Z',
        metrics: { error_rate: { mean: 0.01, p95: 0.01, max: 0.01, samples: 60 } },
      })
      .thenRefuses('illegal-transition', /RolledBack/);
  });
});
