import type { AnalysisMetric } from '@upgrade-control/contracts';
import {
  monitoringSpec as spec,
  monitoringStarted as started,
} from '../../../../../test/support/fixtures/monitoring.js';
import type { Measurement } from '../analysis/verdict.js';
import type { MonitoringEvent } from '../monitoring.decider.js';
import { dueRuns, noProgress, runWindow } from './analysis-progress.js';

/** p95 latency of orders-db, every minute for five runs, Mann-Whitney against the hour before the window. */
const latency: AnalysisMetric = {
  name: 'latency',
  provider: 'prometheus',
  query: 'latency_p95{asset="{{assetId}}"}',
  intervalSeconds: 60,
  count: 5,
  judgement: {
    kind: 'mann-whitney',
    harm: 'increase',
    confidence: 0.95,
    minimumEffect: { measure: 'rank-biserial', value: 0.5 },
    noData: 'inconclusive',
  },
  baseline: { kind: 'preceding', minutes: 60 },
  failureLimit: 0,
  inconclusiveLimit: 1,
  consecutiveErrorLimit: 2,
  mode: 'automatic',
  onInconclusive: 'pause',
  assetId: null,
};
const healthy = [101, 99, 103, 98, 100, 102, 97, 104, 100, 99];
const slower = healthy.map((v) => v + 30);
const query = 'latency_p95{asset="orders-db"}';

const baseline: MonitoringEvent = {
  type: 'AnalysisBaselineCaptured',
  payload: {
    upgradeId: 'pg16',
    assetId: 'orders-db',
    metric: 'latency',
    query,
    periods: [{ from: '2027-01-16T19:00:00.000Z', to: '2027-01-16T20:00:00.000Z' }],
    values: healthy,
    capturedAt: '2027-01-17T00:00:05.000Z',
  },
};
const capture = {
  type: 'CaptureAnalysisBaseline' as const,
  ...baseline.payload,
  now: new Date(baseline.payload.capturedAt),
};

const measure = (run: number, measurement: Measurement, metric = latency) => {
  const { from, to } = runWindow('2027-01-17T00:00:00.000Z', metric.intervalSeconds, run);
  return { type: 'MeasureAnalysis' as const, assetId: 'orders-db', metric, run, query, from, to, measurement, now: to };
};
/** The events a run with this measurement and verdict records (the reason and figures as judged). */
const measured = (run: number, verdict: string, values: number[] = []) =>
  expect.objectContaining({
    type: 'AnalysisMeasured',
    payload: expect.objectContaining({ run, verdict, values, metric: 'latency', assetId: 'orders-db', query }),
  });
const concluded = (outcome: string, action: string, counts: object) =>
  expect.objectContaining({
    type: 'AnalysisConcluded',
    payload: expect.objectContaining({ outcome, action, metric: 'latency', assetId: 'orders-db', ...counts }),
  });
const history = (...decisions: { decision: { ok: boolean; events?: MonitoringEvent[] } }[]) =>
  decisions.flatMap((d) => (d.decision as { events: MonitoringEvent[] }).events);

describe('analysis baseline', () => {
  it('is captured once per metric and target, with every value', () => {
    spec.given([started]).when(capture).then([baseline]);
    spec.given([started, baseline]).when(capture).thenNothingHappened();
  });

  it('is not captured before the period opens or after it ended', () => {
    spec.given([]).when(capture).thenNothingHappened();
  });
});

describe('analysis runs', () => {
  it('a run failing the Mann-Whitney test past the failure limit concludes failed with the mode as action', () => {
    const when = spec.given([started, baseline]).when(measure(1, { values: slower }));
    when.then([
      measured(1, 'fail', slower),
      concluded('failed', 'rollback', { runs: 1, failures: 1, inconclusives: 0, consecutiveErrors: 0 }),
    ]);
    const [run] = history(when) as [Extract<MonitoringEvent, { type: 'AnalysisMeasured' }>];
    expect(run.payload.pValue).toBeLessThan(0.05);
    expect(run.payload.observed).toBe(1);
    expect(run.payload.limit).toBe(0.5);
  });

  it('maps the mode of a failed analysis: confirm asks for a rollback, dry-run only records', () => {
    const confirm = spec
      .given([started, baseline])
      .when(measure(1, { values: slower }, { ...latency, mode: 'confirm' }));
    expect(history(confirm)[1]).toEqual(concluded('failed', 'confirm-rollback', {}));
    const dry = spec.given([started, baseline]).when(measure(1, { values: slower }, { ...latency, mode: 'dry-run' }));
    expect(history(dry)[1]).toEqual(concluded('failed', 'record-only', {}));
  });

  it('measures each run number once, in order, whatever is asked again', () => {
    const first = history(spec.given([started, baseline]).when(measure(1, { values: healthy })));
    expect(first).toEqual([measured(1, 'pass', healthy)]);
    spec
      .given([started, baseline, ...first])
      .when(measure(1, { values: slower }))
      .thenNothingHappened();
    spec
      .given([started, baseline, ...first])
      .when(measure(3, { values: slower }))
      .thenNothingHappened();
  });

  it('passes after count runs within the limits, one inconclusive run allowed', () => {
    let events: MonitoringEvent[] = [started, baseline];
    const answers: Measurement[] = [{ values: healthy }, { values: [] }, { values: healthy }, { values: healthy }];
    answers.forEach((m, i) => (events = [...events, ...history(spec.given(events).when(measure(i + 1, m)))]));
    spec
      .given(events)
      .when(measure(5, { values: healthy }))
      .then([
        measured(5, 'pass', healthy),
        concluded('passed', 'none', { runs: 5, failures: 0, inconclusives: 1, consecutiveErrors: 0 }),
      ]);
  });

  it('errors in a row past the consecutive error limit follow the inconclusive policy', () => {
    const down: Measurement = { error: 'Prometheus unreachable (3 attempts)' };
    let events: MonitoringEvent[] = [started, baseline];
    for (const run of [1, 2]) events = [...events, ...history(spec.given(events).when(measure(run, down)))];
    spec
      .given(events)
      .when(measure(3, down))
      .then([measured(3, 'error'), concluded('errored', 'pause', { runs: 3, consecutiveErrors: 3 })]);
    const rollback = spec.given(events).when(measure(3, down, { ...latency, onInconclusive: 'rollback' }));
    expect(history(rollback)[1]).toEqual(concluded('errored', 'rollback', {}));
  });

  it('no data is inconclusive (never a pass), and past the inconclusive limit the policy applies', () => {
    const first = history(spec.given([started, baseline]).when(measure(1, { values: [] })));
    expect(first).toEqual([measured(1, 'inconclusive')]);
    spec
      .given([started, baseline, ...first])
      .when(measure(2, { values: [] }))
      .then([measured(2, 'inconclusive'), concluded('inconclusive', 'pause', { inconclusives: 2 })]);
  });

  it('after a conclusion no run is measured', () => {
    const failed = history(spec.given([started, baseline]).when(measure(1, { values: slower })));
    spec
      .given([started, baseline, ...failed])
      .when(measure(2, { values: healthy }))
      .thenNothingHappened();
  });
});

describe('analysis at the period end', () => {
  const evaluate = (iso: string, metric = latency) => ({
    type: 'EvaluateMonitoring' as const,
    now: new Date(iso),
    observations: [],
    silences: [],
    triggerMetrics: [],
    windowStartsAt: '2027-01-16T20:00:00.000Z',
    extensionMinutes: 60,
    analyses: [{ assetId: 'orders-db', metric }],
    unsettledWaves: [],
  });

  it('an unconcluded or failed analysis keeps stability from being confirmed', () => {
    spec
      .given([started, baseline])
      .when(evaluate('2027-01-17T04:00:00Z'))
      .then([
        {
          type: 'MonitoringExtended',
          payload: {
            upgradeId: 'pg16',
            newEndsAt: '2027-01-17T05:00:00.000Z',
            openItems: ['analysis orders-db latency not concluded (0 runs)'],
          },
        },
      ]);
    const failed = history(spec.given([started, baseline]).when(measure(1, { values: slower })));
    const end = spec.given([started, baseline, ...failed]).when(evaluate('2027-01-17T04:00:00Z'));
    expect(history(end)).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ openItems: ['analysis orders-db latency failed'] }),
      }),
    ]);
  });

  it('an inconclusive analysis the decision owner chose to live with is accepted, and no longer holds the period open', () => {
    const first = history(spec.given([started, baseline]).when(measure(1, { values: [] })));
    const second = history(spec.given([started, baseline, ...first]).when(measure(2, { values: [] })));
    const decline = {
      type: 'AcceptAnalysisFinding' as const,
      triggerId: 'analysis:latency:orders-db',
      acceptedBy: 'oscar',
      reason: 'the exporter is being replaced; latency is fine by the users',
      now: new Date('2027-01-17T01:00:00Z'),
    };
    const accepted: MonitoringEvent = {
      type: 'AnalysisFindingAccepted',
      payload: {
        upgradeId: 'pg16',
        assetId: 'orders-db',
        metric: 'latency',
        outcome: 'inconclusive',
        acceptedBy: 'oscar',
        reason: 'the exporter is being replaced; latency is fine by the users',
        acceptedAt: '2027-01-17T01:00:00.000Z',
      },
    };
    const before = [started, baseline, ...first, ...second];
    spec.given(before).when(decline).then([accepted]);
    spec
      .given([...before, accepted])
      .when(evaluate('2027-01-17T04:00:00Z'))
      .then([{ type: 'StabilityConfirmed', payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' } }]);
  });

  it('accepts nothing for a decision on another trigger, a running analysis, or one accepted already', () => {
    const decline = (triggerId: string) => ({
      type: 'AcceptAnalysisFinding' as const,
      triggerId,
      acceptedBy: 'oscar',
      reason: 'continue',
      now: new Date('2027-01-17T01:00:00Z'),
    });
    spec.given([started, baseline]).when(decline('errors')).thenNothingHappened();
    spec.given([started, baseline]).when(decline('analysis:latency:orders-db')).thenNothingHappened();
    const failed = history(spec.given([started, baseline]).when(measure(1, { values: slower })));
    const accepted = history(spec.given([started, baseline, ...failed]).when(decline('analysis:latency:orders-db')));
    expect(accepted).toEqual([expect.objectContaining({ type: 'AnalysisFindingAccepted' })]);
    spec
      .given([started, baseline, ...failed, ...accepted])
      .when(decline('analysis:latency:orders-db'))
      .thenNothingHappened();
  });

  it('an analysis without a count that ran within its limits passes at the end, then stability follows', () => {
    const open = { ...latency, count: null };
    const run = history(spec.given([started, baseline]).when(measure(1, { values: healthy }, open)));
    const end = spec.given([started, baseline, ...run]).when(evaluate('2027-01-17T04:00:00Z', open));
    expect(history(end)).toEqual([
      concluded('passed', 'none', { runs: 1 }),
      { type: 'StabilityConfirmed', payload: { upgradeId: 'pg16', confirmedAt: '2027-01-17T04:00:00.000Z' } },
    ]);
  });
});

describe('due runs', () => {
  const period = { startsAt: '2027-01-17T00:00:00.000Z', endsAt: '2027-01-17T00:10:00.000Z' };

  it('are the runs whose window has ended, after the last measured one, up to the count', () => {
    expect(dueRuns(latency, noProgress(), period, new Date('2027-01-17T00:00:59Z'))).toEqual([]);
    expect(dueRuns(latency, noProgress(), period, new Date('2027-01-17T00:02:30Z'))).toEqual([1, 2]);
    expect(dueRuns(latency, { ...noProgress(), runs: 2 }, period, new Date('2027-01-17T00:09:00Z'))).toEqual([3, 4, 5]);
    expect(dueRuns(latency, { ...noProgress(), outcome: 'failed' }, period, new Date('2027-01-17T00:09:00Z'))).toEqual(
      [],
    );
  });

  it('without a count, are bounded by the period', () => {
    const open = { ...latency, count: null };
    expect(dueRuns(open, { ...noProgress(), runs: 8 }, period, new Date('2027-01-17T01:00:00Z'))).toEqual([9, 10]);
  });
});

describe('an analysis never passes without a passing run', () => {
  it('after count runs of errors within the limit it is errored, and the inconclusive policy applies', () => {
    const once = { ...latency, count: 1, consecutiveErrorLimit: 1 };
    spec
      .given([started, baseline])
      .when(measure(1, { error: 'Prometheus unreachable' }, once))
      .then([measured(1, 'error'), concluded('errored', 'pause', { runs: 1, consecutiveErrors: 1 })]);
    const silent = { ...latency, count: 1, inconclusiveLimit: 1 };
    spec
      .given([started, baseline])
      .when(measure(1, { values: [] }, silent))
      .then([measured(1, 'inconclusive'), concluded('inconclusive', 'pause', { runs: 1, inconclusives: 1 })]);
  });
});
