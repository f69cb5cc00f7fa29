import { watchedPairs as watchedPairsOf } from '@upgrade-control/contracts';
import type { Observation, Silence, TriggerMetric, Watch } from '../domain/monitoring.decider.js';
import type { MonitoringFacts, ReadyPlan } from './monitoring-facts.js';

/** Each metric threshold of the plan's rollback triggers, paired with each target it watches. */
const watchedPairs = (plan: ReadyPlan) => watchedPairsOf(plan.rollback.triggers, plan.targets);

/** The trigger metrics of the plan, per target: each needs a baseline. */
export const triggerMetrics = (plan: ReadyPlan): TriggerMetric[] =>
  watchedPairs(plan).map(({ trigger, assetId }) => ({
    assetId,
    metric: trigger.metric!,
    triggerId: trigger.triggerId,
  }));

/**
 * Each metric threshold of the plan's rollback triggers, on each target, over its sustained
 * window: breached only if every sample in the window is beyond the threshold; silent when the
 * window holds no sample at all (the decider judges whether that window lies in the period).
 */
export async function observe(
  facts: MonitoringFacts,
  plan: ReadyPlan,
  watch: Watch,
  now: Date,
): Promise<{ observations: Observation[]; silences: Silence[] }> {
  const observations: Observation[] = [];
  const silences: Silence[] = [];
  for (const { trigger, assetId } of watchedPairs(plan)) {
    const from = new Date(now.getTime() - (trigger.sustainedMinutes ?? 5) * 60_000);
    const span = { windowFrom: from.toISOString(), windowTo: now.toISOString() };
    const window = await facts.window(assetId, trigger.metric!, from, now);
    if (!window) {
      silences.push({ assetId, metric: trigger.metric!, triggerId: trigger.triggerId, ...span });
      continue;
    }
    const baseline = watch.baselines[assetId]?.[trigger.metric!]?.mean;
    if (trigger.comparison === 'above-baseline-factor' && baseline === undefined) continue; // nothing to compare with; the decider reports the missing baseline
    const limit = trigger.comparison === 'above-baseline-factor' ? trigger.threshold! * baseline! : trigger.threshold!;
    const breached = trigger.comparison === 'below-absolute' ? window.high < limit : window.low > limit;
    observations.push({
      assetId,
      metric: trigger.metric!,
      triggerId: trigger.triggerId,
      baseline: baseline ?? 0,
      observed: window.mean,
      threshold: limit,
      breached,
      ...span,
    });
  }
  return { observations, silences };
}
