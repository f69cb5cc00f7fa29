import type { AnalysisMetric } from '@upgrade-control/contracts';
import type { AnalysisTarget } from '../domain/monitoring.decider.js';

/** Each analysis metric on each target it names (all the watched targets when it names none). */
export const analysisTargets = (metrics: readonly AnalysisMetric[], assetIds: readonly string[]): AnalysisTarget[] =>
  metrics.flatMap((metric) =>
    assetIds
      .filter((assetId) => metric.assetId === null || metric.assetId === assetId)
      .map((assetId) => ({ assetId, metric })),
  );
