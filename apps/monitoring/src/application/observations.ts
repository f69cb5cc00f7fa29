import type { Observation, Watch } from '../domain/monitoring.decider.js';
import type { MonitoringFacts, ReadyPlan } from './monitoring-facts.js';

/**
 * Each metric threshold of the plan's rollback triggers, on each target, over its sustained
 * window: breached only if every sample in the window is beyond the threshold.
 */
export async function observe(
  facts: MonitoringFacts,
  plan: ReadyPlan,
  watch: Watch,
  now: Date,
): Promise<Observation[]> {
  const observations: Observation[] = [];
  for (const trigger of plan.rollback.triggers.filter(
    (t) => t.kind === 'metric-threshold' && t.metric && t.threshold !== null,
  )) {
    for (const { assetId } of plan.targets.filter((t) => !trigger.assetId || t.assetId === trigger.assetId)) {
      const baseline = watch.baselines[assetId]?.[trigger.metric!]?.mean;
      if (trigger.comparison === 'above-baseline-factor' && baseline === undefined) continue; // nothing to compare with
      const limit =
        trigger.comparison === 'above-baseline-factor' ? trigger.threshold! * baseline! : trigger.threshold!;
      const from = new Date(now.getTime() - (trigger.sustainedMinutes ?? 5) * 60_000);
      const window = await facts.window(assetId, trigger.metric!, from, now);
      if (!window) continue;
      const breached = trigger.comparison === 'below-absolute' ? window.high < limit : window.low > limit;
      observations.push({
        assetId,
        metric: trigger.metric!,
        triggerId: trigger.triggerId,
        baseline: baseline ?? 0,
        observed: window.mean,
        threshold: limit,
        breached,
        windowFrom: from.toISOString(),
        windowTo: now.toISOString(),
      });
    }
  }
  return observations;
}
