/**
 * The trigger metrics of a plan, shared by planning (its readiness gate), execution (its start)
 * and monitoring (what it watches): each metric threshold of the rollback triggers, on each target
 * it watches (a trigger without an asset watches every target). Each needs a baseline.
 */

interface TriggerLike {
  kind: string;
  metric: string | null;
  threshold: number | null;
  assetId: string | null;
}

export function watchedPairs<T extends TriggerLike>(
  triggers: T[],
  targets: { assetId: string }[],
): { trigger: T; assetId: string }[] {
  return triggers
    .filter((t) => t.kind === 'metric-threshold' && t.metric && t.threshold !== null)
    .flatMap((trigger) =>
      targets
        .filter((t) => !trigger.assetId || t.assetId === trigger.assetId)
        .map(({ assetId }) => ({ trigger, assetId })),
    );
}

/** A baseline monitoring captured (BaselineCaptured): the asset, its metrics, and when its period ended. */
export interface CapturedBaseline {
  assetId: string;
  metrics: string[];
  to: string;
}

/**
 * "asset metric" for each trigger metric without a baseline captured from a period that ended by
 * the window's start (any period, while there is no window yet); an asset's latest capture
 * counts, as monitoring keeps it.
 */
export function baselinesMissing<T extends TriggerLike>(
  triggers: T[],
  targets: { assetId: string }[],
  latestBaselines: CapturedBaseline[],
  windowStartsAt: string | null,
): string[] {
  const missing = watchedPairs(triggers, targets)
    .filter(({ trigger, assetId }) => {
      const b = latestBaselines.find((c) => c.assetId === assetId);
      return (
        !b ||
        !b.metrics.includes(trigger.metric!) ||
        (windowStartsAt !== null && Date.parse(b.to) > Date.parse(windowStartsAt))
      );
    })
    .map(({ trigger, assetId }) => `${assetId} ${trigger.metric}`);
  return [...new Set(missing)];
}
