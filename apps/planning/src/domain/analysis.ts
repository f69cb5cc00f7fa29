import * as E from '@upgrade-control/contracts';
import type { PayloadOf } from '@upgrade-control/contracts';
import { invalid, type DomainError } from '@upgrade-control/platform/domain';
import { MONITORING_MINUTES } from './policy.js';
import type { Plan } from './upgrade-plan.state.js';

// The plan-time checks of a metric analysis (issue 17): whatever monitoring would only find out
// after release (a query that does not parse, a variable it cannot fill in, runs that outlast the
// monitoring period) is refused while the plan is written, naming the metric's field and the rule.

export type AnalysisMetric = PayloadOf<typeof E.AnalysisDefined>['metrics'][number];

/**
 * Port: PromQL's grammar, as the Prometheus team's parser reads it (infrastructure), so the domain
 * stays free of the library. The first syntax error's position (0-based) and what was found there,
 * or null when the query parses.
 */
export type PromqlSyntax = (query: string) => { position: number; message: string } | null;

/** A pushed metric is looked up by name among the samples pushed to monitoring: no PromQL there. */
const PLAIN_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** The first rule the analysis breaks, or null; `syntax` parses a query, the plan gives targets and the period. */
export function analysisProblem(metrics: AnalysisMetric[], plan: Plan, syntax: PromqlSyntax): DomainError | null {
  const seen = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    const field = (name: keyof AnalysisMetric) => `metrics[${i}].${name}`;
    if (seen.has(metric.name))
      return invalid(field('name'), 'unique', `metric ${metric.name} is defined twice: names must be unique`);
    seen.add(metric.name);
    const problem =
      targetProblem(metric, plan, field('assetId')) ??
      queryProblem(metric, syntax, field('query')) ??
      periodProblem(metric, plan, field('count'));
    if (problem) return problem;
  }
  return null;
}

function targetProblem(metric: AnalysisMetric, plan: Plan, field: string): DomainError | null {
  if (metric.assetId === null || plan.targets.some((t) => t.assetId === metric.assetId)) return null;
  return invalid(field, 'target', `metric ${metric.name}: ${metric.assetId} is not a target of this upgrade`);
}

function queryProblem(metric: AnalysisMetric, syntax: PromqlSyntax, field: string): DomainError | null {
  if (metric.provider === 'pushed')
    return PLAIN_METRIC_NAME.test(metric.query)
      ? null
      : invalid(
          field,
          'pushed-metric-name',
          `metric ${metric.name}: a pushed metric's query is the plain name of the pushed samples (e.g. p95_latency_ms), not PromQL`,
        );
  const { problems } = E.analysisPlaceholders(metric.query);
  const [template] = problems;
  if (template) return invalid(field, template.rule, `metric ${metric.name}: ${template.message}`);
  const error = syntax(withSampleValues(metric.query));
  return error
    ? invalid(
        field,
        'promql-syntax',
        `metric ${metric.name}: the query does not parse as PromQL at position ${error.position}: ${error.message}`,
      )
    : null;
}

/**
 * The query as monitoring would send it for some target: each placeholder (inside a quoted label
 * value, checked before) becomes a sample value of its own length, so a syntax error's position
 * is the same in the template the planner wrote.
 */
const withSampleValues = (query: string) =>
  query.replace(/\{\{[^}]*\}\}/g, (placeholder) => 'x'.repeat(placeholder.length));

function periodProblem(metric: AnalysisMetric, plan: Plan, field: string): DomainError | null {
  if (metric.count === null) return null;
  const minutes = monitoringMinutesOf(plan);
  if (minutes === null)
    return invalid(
      field,
      'criticality-known',
      `metric ${metric.name}: assess the impact first (POST /upgrades/{id}/impact): the default monitoring period depends on the criticality`,
    );
  const runsSeconds = metric.count * metric.intervalSeconds;
  return runsSeconds <= minutes * 60
    ? null
    : invalid(
        field,
        'fits-monitoring-period',
        `metric ${metric.name}: ${metric.count} runs every ${metric.intervalSeconds} s take ${runsSeconds} s, longer than the monitoring period of ${minutes} min`,
      );
}

/** The plan's monitoring period: the one set, else the default for its criticality; null while neither is known. */
export function monitoringMinutesOf(plan: Plan): number | null {
  const criticality = plan.impact?.highestCriticality;
  return plan.monitoringMinutes ?? (criticality ? MONITORING_MINUTES[criticality] : null);
}
