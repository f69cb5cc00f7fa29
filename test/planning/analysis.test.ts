import type { Response } from 'supertest';
import { expectProblem, withoutEvents } from '../support/problems.js';
import { startPlanning, type PlanningSystem } from './support/plan-over-http.js';

// The plan's metric analysis over HTTP (issue 17): defined, read back in the plan and in words in
// the gate report, and refused at plan time when monitoring could not run it.

const latency = {
  name: 'p95-latency',
  provider: 'prometheus',
  query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{asset="{{assetId}}"}[5m])))',
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
  assetId: 'watched-db',
};
const errors = {
  ...latency,
  name: 'errors',
  provider: 'pushed',
  query: 'error_rate',
  count: null,
  judgement: { kind: 'relative', harm: 'increase', aggregate: 'mean', change: { delta: 0.02 }, noData: 'fail' },
  baseline: { kind: 'preceding', minutes: 60 },
  assetId: null,
};

/** The decider's refusal: 400 problem+json whose errors name the field and the rule. */
function expectRefusal(response: Response, field: string, rule: string, detail: string): void {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.errors).toEqual([expect.objectContaining({ field, rule })]);
  expect(response.body.detail).toContain(detail);
}

describe('planning: the metric analysis in the plan', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'auditor') => system.planning.as(role);
  const define = (metrics: unknown[]) => as('planner').put('/upgrades/watch-1/analysis').send({ metrics });

  beforeAll(async () => {
    system = await startPlanning(['watched-db']);
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'watch-1',
        title: 'watched-db to 16.2',
        category: 'end-of-support',
        purpose: 'move watched-db to a supported release',
        targets: [{ assetId: 'watched-db', toVersion: '16.2' }],
      })
      .expect(201);
    await as('planner').post('/upgrades/watch-1/impact').send({}).expect(200);
  }, 90_000);
  afterAll(() => system.close());

  it('records the analysis, shows it in the plan as the contract carries it and in the gate report in words', async () => {
    await define([latency, errors]).expect(200);

    const { body: plan } = await as('auditor').get('/upgrades/watch-1').expect(200);
    expect(plan.analysis).toEqual([latency, errors]);
    const { body: report } = await as('auditor').get('/upgrades/watch-1/gates').expect(200);
    expect(report.analysis).toEqual([
      expect.objectContaining({
        name: 'p95-latency',
        provider: 'prometheus',
        assetId: 'watched-db',
        judgement:
          "fails when the values are higher than the baseline's (Mann-Whitney U at 95% confidence) with a rank-biserial effect of at least 0.3; no data counts as inconclusive",
      }),
      expect.objectContaining({
        name: 'errors',
        judgement: "fails when the mean rises more than 0.02 above the baseline's mean; no data counts as fail",
        schedule: 'every 60 s until the monitoring period ends, against the 60 min before the window',
      }),
    ]);
  });

  it('refuses a query that does not parse as PromQL, naming the metric, the field and the position', async () => {
    const response = await withoutEvents(system.planning, () =>
      define([{ ...latency, query: 'sum(rate(errors_total{asset="{{assetId}}"}[5m])' }]),
    );
    expectRefusal(
      response,
      'metrics[0].query',
      'promql-syntax',
      'metric p95-latency: the query does not parse as PromQL at position 47',
    );
  });

  it('refuses a template variable monitoring cannot fill in', async () => {
    const response = await withoutEvents(system.planning, () =>
      define([{ ...latency, query: 'up{instance="{{hostname}}"}' }]),
    );
    expectRefusal(response, 'metrics[0].query', 'template-variable', '{{hostname}} at 13 is not a template variable');
  });

  it('refuses a judgement of the wrong shape before it reaches the plan', async () => {
    const response = await withoutEvents(system.planning, () =>
      define([{ ...latency, judgement: { ...errors.judgement, harm: 'either' } }]),
    );
    expectProblem(response, 400, 'metrics[0].judgement.harm', 'harmForKind');
  });
});
