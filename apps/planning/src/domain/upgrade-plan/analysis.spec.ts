import type { DomainError } from '@upgrade-control/platform/domain';
import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  draftCommands,
  history,
  monitoringPeriod,
  propose,
  readyCommands,
  scheduleWindow,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { lezerPromqlSyntax } from '../../infrastructure/promql-parser.js';
import type { AnalysisMetric } from '../analysis.js';
import { summarizeAnalysis } from '../analysis-summary.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// The plan's metric analysis is checked when it is written (issue 17): each rule refuses naming
// the metric's field. The fixture's upgrade targets orders-db, of high criticality (72 h default).

const spec = deciderSpec(upgradePlanDecider);
const assessed = draftCommands.slice(0, 2);

const latency: AnalysisMetric = {
  name: 'p95-latency',
  provider: 'prometheus',
  query:
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{asset="{{assetId}}", site=~"{{ site }}"}[5m])))',
  intervalSeconds: 60,
  count: 30,
  judgement: {
    kind: 'mann-whitney',
    harm: 'increase',
    confidence: 0.95,
    minimumEffect: { measure: 'rank-biserial', value: 0.3 },
    noData: 'inconclusive',
  },
  baseline: { kind: 'same-hours', days: 7 },
  failureLimit: 0,
  inconclusiveLimit: 2,
  consecutiveErrorLimit: 3,
  mode: 'confirm',
  onInconclusive: 'pause',
  assetId: 'orders-db',
};

const define = (...metrics: Partial<AnalysisMetric>[]): PlanCommand => ({
  type: 'DefineAnalysis',
  metrics: metrics.map((m) => ({ ...latency, ...m })),
  promql: lezerPromqlSyntax,
});

const refusal = (command: PlanCommand, commands = assessed) =>
  spec.given(history(commands)).when(command).thenRefuses('invalid') as Extract<DomainError, { kind: 'invalid' }>;

describe('upgrade plan: the metric analysis', () => {
  it('records the analysis as AnalysisDefined', () => {
    spec
      .given(history(assessed))
      .when(define({}, { name: 'errors', provider: 'pushed', query: 'error_rate', count: null, assetId: null }))
      .then([
        {
          type: 'AnalysisDefined',
          payload: {
            upgradeId: 'up-1',
            metrics: [
              latency,
              { ...latency, name: 'errors', provider: 'pushed', query: 'error_rate', count: null, assetId: null },
            ],
          },
        },
      ]);
  });

  it('refuses two metrics of one name', () => {
    expect(refusal(define({}, {}))).toMatchObject({ field: 'metrics[1].name', rule: 'unique' });
  });

  it('refuses a metric on an asset that is not a target', () => {
    expect(refusal(define({ assetId: 'billing' }))).toMatchObject({ field: 'metrics[0].assetId', rule: 'target' });
  });

  it('refuses a template variable that is not one of assetId, site, node', () => {
    const error = refusal(define({ query: 'up{asset="{{asset_id}}"}' }));
    expect(error).toMatchObject({ field: 'metrics[0].query', rule: 'template-variable' });
    expect(error.message).toContain('{{asset_id}} at 10 is not a template variable (known: assetId, site, node)');
  });

  it('refuses a template variable outside a quoted label value, where it would become PromQL', () => {
    expect(refusal(define({ query: 'up{asset={{assetId}}}' }))).toMatchObject({
      field: 'metrics[0].query',
      rule: 'template-quoted',
    });
  });

  it("refuses a query the Prometheus team's parser does not read, naming the metric and the position in the template", () => {
    const error = refusal(define({ query: 'rate(errors_total{asset="{{assetId}}"}[5m]' }));
    expect(error).toMatchObject({ field: 'metrics[0].query', rule: 'promql-syntax' });
    expect(error.message).toBe(
      'metric p95-latency: the query does not parse as PromQL at position 42: unexpected end of query',
    );
  });

  it('refuses PromQL as the query of a pushed metric', () => {
    expect(refusal(define({ provider: 'pushed', query: 'rate(error_rate[5m])' }))).toMatchObject({
      field: 'metrics[0].query',
      rule: 'pushed-metric-name',
    });
  });

  it('refuses runs that outlast the monitoring period, and takes the period the plan set', () => {
    // 4 320 runs of a minute fill the 72 h default; one more does not fit.
    spec
      .given(history(assessed))
      .when(define({ count: 4320 }))
      .then([expect.objectContaining({ type: 'AnalysisDefined' })]);
    const error = refusal(define({ count: 4321 }));
    expect(error).toMatchObject({ field: 'metrics[0].count', rule: 'fits-monitoring-period' });
    expect(error.message).toContain('longer than the monitoring period of 4320 min');
    expect(refusal(define({ count: 721 }), [...assessed, monitoringPeriod(720)])).toMatchObject({
      rule: 'fits-monitoring-period',
    });
  });

  it('refuses a count before the impact says which default period applies', () => {
    expect(refusal(define({}), [propose])).toMatchObject({ field: 'metrics[0].count', rule: 'criticality-known' });
    spec
      .given(history([propose]))
      .when(define({ count: null }))
      .then([expect.objectContaining({ type: 'AnalysisDefined' })]);
  });

  it('sends the plan back to approval when the analysis changes after approval, and not when it is the same', () => {
    const scheduled = [...draftCommands, submit, approve('bob'), scheduleWindow()];
    spec
      .given(history(scheduled))
      .when(define({}))
      .then([
        expect.objectContaining({ type: 'AnalysisDefined' }),
        expect.objectContaining({
          type: 'ReapprovalRequired',
          payload: expect.objectContaining({ changes: ['metric analysis: none → p95-latency'] }),
        }),
      ]);
    const approvedWithIt = [...draftCommands, define({}), submit, approve('bob')];
    spec
      .given(history(approvedWithIt))
      .when(define({}))
      .then([expect.objectContaining({ type: 'AnalysisDefined' })]);
  });

  it('is closed once the plan is ready for execution, as the monitoring period is', () => {
    spec
      .given(history(readyCommands))
      .when(define({}))
      .thenRefuses('illegal-transition', 'DefineAnalysis is not allowed while the upgrade is ReadyForExecution');
  });

  it('is shown in words for the gate report', () => {
    const relative: Partial<AnalysisMetric> = {
      name: 'p95-relative',
      judgement: { kind: 'relative', harm: 'increase', aggregate: 'median', change: { factor: 1.5 }, noData: 'fail' },
      count: null,
      baseline: { kind: 'preceding', minutes: 60 },
    };
    const [statistical, ratio] = summarizeAnalysis([latency, { ...latency, ...relative }]);
    expect(statistical).toMatchObject({
      name: 'p95-latency',
      provider: 'prometheus',
      judgement:
        "fails when the values are higher than the baseline's (Mann-Whitney U at 95% confidence) with a rank-biserial effect of at least 0.3; no data counts as inconclusive",
      schedule: '30 run(s) every 60 s, against the same hours on each of the 7 day(s) before the window',
    });
    expect(ratio).toMatchObject({
      judgement: "fails when the median rises more than 1.5x the baseline's median; no data counts as fail",
      schedule: 'every 60 s until the monitoring period ends, against the 60 min before the window',
    });
  });
});
