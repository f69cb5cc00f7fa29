import type { TargetLabels } from '../domain/analysis/promql-template.js';
import type { Measurement } from '../domain/analysis/verdict.js';

/** A query for one target: PromQL (templated with the target's labels) or, for pushed samples, a metric name. */
export type MetricQuery = { query: string; target: TargetLabels };
/** Values every stepSeconds over [from, to]. */
export type RangeQuery = MetricQuery & { from: Date; to: Date; stepSeconds: number };
/** The values at one instant. */
export type InstantQuery = MetricQuery & { at: Date };

export type MetricPoint = { at: string; value: number };
/** One series the query returned: its labels and its points, oldest first. */
export type MetricSeries = { labels: Record<string, string>; points: MetricPoint[] };

/**
 * A provider's answer. "No data" is an answer of its own, not an empty success, so the judgement
 * cannot mistake a silent metric for a healthy one; an error says why, after the provider's retries.
 */
export type MetricAnswer =
  | { kind: 'series'; series: MetricSeries[] }
  | { kind: 'no-data'; query: string }
  | { kind: 'error'; reason: string; attempts: number };

/**
 * Port: where analysis reads metrics (Prometheus, the pushed samples, later others such as
 * Datadog or CloudWatch). Adapters never throw for a failed query: they answer an error, which the
 * analysis records as a run with the error verdict.
 */
export abstract class MetricProvider {
  /** The name a plan's analysis metric gives as its provider. */
  abstract readonly name: string;
  abstract range(query: RangeQuery): Promise<MetricAnswer>;
  abstract instant(query: InstantQuery): Promise<MetricAnswer>;
}

/**
 * What a judgement reads from an answer: one series' values. Several series (a query not
 * aggregated per target) would mix unrelated values into one test, so they are an error.
 */
export function measurementOf(answer: MetricAnswer): Measurement {
  if (answer.kind === 'error') return { error: answer.reason };
  if (answer.kind === 'no-data') return { values: [] };
  if (answer.series.length > 1)
    return {
      error: `the query returned ${answer.series.length} series; an analysis metric needs one per target (aggregate it, e.g. avg by ())`,
    };
  return { values: answer.series[0]!.points.map((p) => p.value) };
}
