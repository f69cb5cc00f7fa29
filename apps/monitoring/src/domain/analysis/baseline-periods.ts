import type { AnalysisBaseline } from '@upgrade-control/contracts';

export type Period = { from: string; to: string };

const DAY_MS = 86_400_000;

/**
 * The plan's baseline periods, all before the upgrade's window: the monitoring period's clock
 * hours on each of the `days` days before it (the same load pattern, oldest first), or the
 * `minutes` right before the maintenance window opens (the old version's last normal).
 */
export function baselinePeriods(
  baseline: AnalysisBaseline,
  monitoring: { startsAt: string; endsAt: string },
  windowStartsAt: string,
): Period[] {
  if (baseline.kind === 'preceding') {
    const end = Date.parse(windowStartsAt);
    return [{ from: new Date(end - baseline.minutes * 60_000).toISOString(), to: new Date(end).toISOString() }];
  }
  const start = Date.parse(monitoring.startsAt);
  const end = Date.parse(monitoring.endsAt);
  return Array.from({ length: baseline.days }, (_, i) => baseline.days - i).map((days) => ({
    from: new Date(start - days * DAY_MS).toISOString(),
    to: new Date(end - days * DAY_MS).toISOString(),
  }));
}
