import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { MonitoringFacts, type MetricStatistics } from './monitoring-facts.js';

/** An asset's statistics per metric over a reference period: what CaptureBaseline records. */
export class GetBaseline extends Query<Record<string, MetricStatistics>> {
  constructor(
    readonly assetId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export const GetBaselineHandler = queryHandlerFor(GetBaseline, MonitoringFacts, (facts, { assetId, from, to }) =>
  facts.baseline(assetId, from, to),
);
