import type { AnalysisMetric } from '@upgrade-control/contracts';
import { baselinePeriods } from '../domain/analysis/baseline-periods.js';
import { PromqlTemplateError, renderPromql, type TargetLabels } from '../domain/analysis/promql-template.js';
import type { Measurement } from '../domain/analysis/verdict.js';
import { dueRuns, noProgress, runWindow } from '../domain/monitoring/analysis-progress.js';
import { key } from '../domain/monitoring/model.js';
import type { AnalysisTarget, MonitoringCommand, Watch } from '../domain/monitoring.decider.js';
import { measurementOf, type MetricProvider } from './metric-provider.js';

/** At most this many points per series and period (Prometheus refuses more than 11,000). */
const MAX_POINTS = 10_000;

/** Ten values per run: enough for the rank test to reach its confidence, few enough to keep in the event. */
const stepOf = (metric: AnalysisMetric) => Math.max(1, Math.ceil(metric.intervalSeconds / 10));

/** The query as it runs for this target, for the record (the provider renders the same). */
function resolved(metric: AnalysisMetric, target: TargetLabels): string {
  if (metric.provider !== 'prometheus') return metric.query;
  try {
    return renderPromql(metric.query, target);
  } catch (error) {
    if (error instanceof PromqlTemplateError) return metric.query;
    throw error;
  }
}

export type AnalysisContext = {
  providers: ReadonlyMap<string, MetricProvider>;
  watch: Watch;
  labels: ReadonlyMap<string, TargetLabels>;
  windowStartsAt: string;
  now: Date;
  /** Decides one command on the monitoring stream (its state is read again for each). */
  decide: (command: MonitoringCommand) => Promise<void>;
};

/**
 * One tick of one metric on one target: the baseline first (once, when the provider answers; an
 * error leaves it for the next tick), then every run that is due, oldest first. Each is its own
 * decision, so a crash between them loses nothing and repeats nothing (ADR 32).
 */
export async function advanceAnalysis({ assetId, metric }: AnalysisTarget, c: AnalysisContext): Promise<void> {
  const w = c.watch;
  if (!w.startsAt || !w.endsAt) return;
  const provider = c.providers.get(metric.provider);
  const target = c.labels.get(assetId) ?? { assetId };
  const query = resolved(metric, target);
  const progress = w.analyses[key(assetId, metric.name)] ?? noProgress();
  if (progress.baseline === null && progress.outcome === null && provider) {
    const periods = baselinePeriods(metric.baseline, { startsAt: w.startsAt, endsAt: w.endsAt }, c.windowStartsAt);
    const values: number[] = [];
    let failed = false;
    for (const period of periods) {
      const from = new Date(period.from);
      const to = new Date(period.to);
      const span = (to.getTime() - from.getTime()) / 1000;
      const stepSeconds = Math.max(stepOf(metric), Math.ceil(span / MAX_POINTS));
      const measured = measurementOf(await provider.range({ query: metric.query, target, from, to, stepSeconds }));
      if ('error' in measured) failed = true;
      else values.push(...measured.values);
    }
    if (!failed)
      await c.decide({
        type: 'CaptureAnalysisBaseline',
        assetId,
        metric: metric.name,
        query,
        periods,
        values,
        now: c.now,
      });
  }
  for (const run of dueRuns(metric, progress, { startsAt: w.startsAt, endsAt: w.endsAt }, c.now)) {
    const { from, to } = runWindow(w.startsAt, metric.intervalSeconds, run);
    const measurement: Measurement = provider
      ? measurementOf(await provider.range({ query: metric.query, target, from, to, stepSeconds: stepOf(metric) }))
      : { error: `no metric provider ${metric.provider}` };
    await c.decide({ type: 'MeasureAnalysis', assetId, metric, run, query, from, to, measurement, now: c.now });
  }
}
