import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
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

@QueryHandler(GetBaseline)
export class GetBaselineHandler implements IQueryHandler<GetBaseline> {
  constructor(private readonly facts: MonitoringFacts) {}

  execute({ assetId, from, to }: GetBaseline): Promise<Record<string, MetricStatistics>> {
    return this.facts.baseline(assetId, from, to);
  }
}
