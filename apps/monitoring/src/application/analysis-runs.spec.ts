import type { AnalysisMetric } from '@upgrade-control/contracts';
import type { MonitoringCommand, Watch } from '../domain/monitoring.decider.js';
import { advanceAnalysis, type AnalysisContext } from './analysis-runs.js';
import { MetricProvider, type MetricAnswer, type RangeQuery } from './metric-provider.js';

const metric: AnalysisMetric = {
  name: 'latency',
  provider: 'prometheus',
  query: 'latency{site="{{site}}"}',
  intervalSeconds: 60,
  count: 3,
  judgement: { kind: 'absolute', harm: 'increase', aggregate: 'mean', threshold: 1, noData: 'inconclusive' },
  baseline: { kind: 'same-hours', days: 2 },
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 0,
  mode: 'automatic',
  onInconclusive: 'pause',
  assetId: null,
};
const watch: Watch = {
  upgradeId: 'pg16',
  assetIds: ['orders-db'],
  baselines: {},
  baselineEnds: {},
  startsAt: '2027-01-17T00:00:00.000Z',
  endsAt: '2027-01-17T04:00:00.000Z',
  openRegressions: [],
  silent: [],
  openIncidents: [],
  followUps: {},
  analyses: {},
};

/** Answers each range query with the next of its answers, and remembers what it was asked. */
class ScriptedProvider extends MetricProvider {
  readonly name = 'prometheus';
  readonly asked: RangeQuery[] = [];
  constructor(private readonly answers: MetricAnswer[]) {
    super();
  }
  range(query: RangeQuery): Promise<MetricAnswer> {
    this.asked.push(query);
    return Promise.resolve(this.answers.shift()!);
  }
  instant(): Promise<MetricAnswer> {
    throw new Error('not used');
  }
}

const series = (...values: number[]): MetricAnswer => ({
  kind: 'series',
  series: [{ labels: {}, points: values.map((value, i) => ({ at: new Date(i * 1000).toISOString(), value })) }],
});

async function tick(provider: MetricProvider | null, now: string) {
  const decided: MonitoringCommand[] = [];
  const context: AnalysisContext = {
    providers: new Map(provider ? [[provider.name, provider]] : []),
    watch,
    labels: new Map([['orders-db', { assetId: 'orders-db', site: 'berlin' }]]),
    windowStartsAt: '2027-01-16T20:00:00.000Z',
    now: new Date(now),
    decide: async (command) => {
      decided.push(command);
    },
  };
  await advanceAnalysis({ assetId: 'orders-db', metric }, context);
  return decided;
}

describe('one tick of an analysis metric on a target', () => {
  it("captures the baseline over the plan's periods, then measures each due run's window", async () => {
    const provider = new ScriptedProvider([series(1, 2), series(3), series(0.5), series(2)]);
    const decided = await tick(provider, '2027-01-17T00:02:30Z');
    expect(decided).toEqual([
      expect.objectContaining({
        type: 'CaptureAnalysisBaseline',
        query: 'latency{site="berlin"}',
        values: [1, 2, 3],
        periods: [
          { from: '2027-01-15T00:00:00.000Z', to: '2027-01-15T04:00:00.000Z' },
          { from: '2027-01-16T00:00:00.000Z', to: '2027-01-16T04:00:00.000Z' },
        ],
      }),
      expect.objectContaining({ type: 'MeasureAnalysis', run: 1, measurement: { values: [0.5] } }),
      expect.objectContaining({ type: 'MeasureAnalysis', run: 2, measurement: { values: [2] } }),
    ]);
    expect(provider.asked.slice(2).map((q) => [q.from.toISOString(), q.to.toISOString(), q.stepSeconds])).toEqual([
      ['2027-01-17T00:00:00.000Z', '2027-01-17T00:01:00.000Z', 6],
      ['2027-01-17T00:01:00.000Z', '2027-01-17T00:02:00.000Z', 6],
    ]);
  });

  it('captures no baseline when the provider fails (it is tried again), and the run records the error', async () => {
    const down: MetricAnswer = { kind: 'error', reason: 'Prometheus unreachable', attempts: 3 };
    const decided = await tick(new ScriptedProvider([down, series(1), down]), '2027-01-17T00:01:00Z');
    expect(decided).toEqual([
      expect.objectContaining({ type: 'MeasureAnalysis', run: 1, measurement: { error: 'Prometheus unreachable' } }),
    ]);
  });

  it('without the provider the plan names, each due run is an error', async () => {
    const decided = await tick(null, '2027-01-17T00:01:00Z');
    expect(decided).toEqual([
      expect.objectContaining({ type: 'MeasureAnalysis', measurement: { error: 'no metric provider prometheus' } }),
    ]);
  });
});
