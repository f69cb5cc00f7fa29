import { Injectable } from '@nestjs/common';
import { Database } from '@upgrade-control/platform';
import { MetricSamples, type MetricSample } from '../application/metric-samples.js';

/** The collectors' samples in `metric_samples`; baselines and the detector read them (monitoring-facts.read-model.ts). */
@Injectable()
export class SqlMetricSamples extends MetricSamples {
  constructor(private readonly db: Database) {
    super();
  }

  async add(samples: MetricSample[]): Promise<void> {
    await this.db.query(
      'INSERT INTO metric_samples (asset_id, metric, ts, value) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[])',
      [
        samples.map((s) => s.assetId),
        samples.map((s) => s.metric),
        samples.map((s) => s.timestamp),
        samples.map((s) => s.value),
      ],
    );
  }

  between(assetId: string, metric: string, from: Date, to: Date, limit: number): Promise<MetricSample[]> {
    return this.db.query<MetricSample>(
      `SELECT asset_id AS "assetId", metric, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp, value
         FROM metric_samples WHERE asset_id = $1 AND metric = $2 AND ts >= $3 AND ts <= $4 ORDER BY ts LIMIT $5`,
      [assetId, metric, from.toISOString(), to.toISOString(), limit],
    );
  }
}
