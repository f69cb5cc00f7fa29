/** One measurement from a collector, already checked (see ingest-metric-samples.handler.ts). */
export type MetricSample = { assetId: string; metric: string; timestamp: string; value: number };

/** Port: the time series of metric samples (not events) that baselines and the detector read. */
export abstract class MetricSamples {
  abstract add(samples: MetricSample[]): Promise<void>;

  /** The samples of one metric of an asset in [from, to], oldest first, at most `limit` of them. */
  abstract between(assetId: string, metric: string, from: Date, to: Date, limit: number): Promise<MetricSample[]>;
}
