import { Inject, Injectable } from '@nestjs/common';
import {
  MetricProvider,
  type InstantQuery,
  type MetricAnswer,
  type MetricSeries,
  type RangeQuery,
} from '../application/metric-provider.js';
import { PromqlTemplateError, renderPromql, type TargetLabels } from '../domain/analysis/promql-template.js';
import { PrometheusClient } from './prometheus-client.js';
import { PROMETHEUS_SETTINGS, type PrometheusSettings } from './prometheus-settings.js';

type Sample = [number, string];
type Matrix = { resultType: 'matrix'; result: { metric: Record<string, string>; values: Sample[] }[] };
type Vector = { resultType: 'vector'; result: { metric: Record<string, string>; value: Sample }[] };
type Scalar = { resultType: 'scalar'; result: Sample };

/** Prometheus writes values as strings, with NaN, +Inf and -Inf spelled its own way. */
const valueOf = (text: string): number => (text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text));
const point = ([seconds, text]: Sample) => ({ at: new Date(seconds * 1000).toISOString(), value: valueOf(text) });
const seconds = (at: Date) => String(at.getTime() / 1000);

/** The `prometheus` provider: /api/v1/query_range and /api/v1/query with the target's labels in the query. */
@Injectable()
export class PrometheusMetricProvider extends MetricProvider {
  readonly name = 'prometheus';
  private readonly client: PrometheusClient | null;

  constructor(@Inject(PROMETHEUS_SETTINGS) settings: PrometheusSettings | null) {
    super();
    this.client = settings && new PrometheusClient(settings);
  }

  range({ query, target, from, to, stepSeconds }: RangeQuery): Promise<MetricAnswer> {
    return this.ask('api/v1/query_range', query, target, {
      start: seconds(from),
      end: seconds(to),
      step: String(stepSeconds),
    });
  }

  instant({ query, target, at }: InstantQuery): Promise<MetricAnswer> {
    return this.ask('api/v1/query', query, target, { time: seconds(at) });
  }

  private async ask(
    path: string,
    template: string,
    target: TargetLabels,
    params: Record<string, string>,
  ): Promise<MetricAnswer> {
    if (!this.client) return { kind: 'error', reason: 'Prometheus is not configured (PROMETHEUS_URL)', attempts: 0 };
    let query: string;
    try {
      query = renderPromql(template, target);
    } catch (error) {
      if (error instanceof PromqlTemplateError) return { kind: 'error', reason: error.message, attempts: 0 };
      throw error;
    }
    const result = await this.client.get(path, { query, ...params });
    if (!result.ok) return { kind: 'error', reason: `Prometheus ${result.reason}`, attempts: result.attempts };
    const series = seriesOf(result.data as Matrix | Vector | Scalar).filter((s) => s.points.length > 0);
    return series.length === 0 ? { kind: 'no-data', query } : { kind: 'series', series };
  }
}

function seriesOf(data: Matrix | Vector | Scalar): MetricSeries[] {
  switch (data.resultType) {
    case 'matrix':
      return data.result.map((s) => ({ labels: s.metric, points: s.values.map(point) }));
    case 'vector':
      return data.result.map((s) => ({ labels: s.metric, points: [point(s.value)] }));
    case 'scalar':
      return [{ labels: {}, points: [point(data.result)] }];
    default:
      return []; // a string result carries no metric values
  }
}
