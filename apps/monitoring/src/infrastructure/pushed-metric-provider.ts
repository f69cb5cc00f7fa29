import { Injectable } from '@nestjs/common';
import {
  MetricProvider,
  type InstantQuery,
  type MetricAnswer,
  type RangeQuery,
} from '../application/metric-provider.js';
import { MetricSamples } from '../application/metric-samples.js';

/** As Prometheus' default lookback: an instant query sees the latest sample of the last 5 minutes. */
const LOOKBACK_MS = 5 * 60_000;
/** A window holds at most this many samples (a week of one per minute): the test ranks them all. */
const MAX_POINTS = 10_080;

/**
 * The `pushed` provider: the samples collectors sent to POST /metrics, for sources without
 * Prometheus. The query is the metric's name and the target's asset id selects the asset. Samples
 * arrive when collectors send them, so a range answers them as they are: the step is not applied.
 */
@Injectable()
export class PushedMetricProvider extends MetricProvider {
  readonly name = 'pushed';

  constructor(private readonly samples: MetricSamples) {
    super();
  }

  range({ query, target, from, to }: RangeQuery): Promise<MetricAnswer> {
    return this.read(query, target.assetId, from, to, false);
  }

  instant({ query, target, at }: InstantQuery): Promise<MetricAnswer> {
    return this.read(query, target.assetId, new Date(at.getTime() - LOOKBACK_MS), at, true);
  }

  private async read(
    metric: string,
    assetId: string,
    from: Date,
    to: Date,
    latestOnly: boolean,
  ): Promise<MetricAnswer> {
    let samples;
    try {
      samples = await this.samples.between(assetId, metric, from, to, MAX_POINTS);
    } catch (error) {
      return { kind: 'error', reason: `pushed samples unreadable: ${(error as Error).message}`, attempts: 1 };
    }
    if (samples.length === 0) return { kind: 'no-data', query: metric };
    const points = samples.map(({ timestamp, value }) => ({ at: timestamp, value }));
    return {
      kind: 'series',
      series: [{ labels: { assetId, metric }, points: latestOnly ? points.slice(-1) : points }],
    };
  }
}
