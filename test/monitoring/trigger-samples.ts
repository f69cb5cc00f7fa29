/** The fixture plan's trigger metrics (errors, latency, cpu) at healthy values. */
export const healthy = { error_rate: 0.01, response_time_p95: 120, cpu: 20 };

/**
 * Samples of every trigger metric of the fixture plan for one asset, `count` of each, `stepMs`
 * apart from `from`: a collector that is alive. `values` overrides a metric's value.
 */
export function everyTriggerMetric(
  assetId: string,
  from: Date,
  count: number,
  { stepMs = 60_000, values = {} }: { stepMs?: number; values?: Partial<typeof healthy> } = {},
) {
  return Object.entries({ ...healthy, ...values }).flatMap(([metric, value]) =>
    Array.from({ length: count }, (_, i) => ({
      assetId,
      metric,
      timestamp: new Date(from.getTime() + i * stepMs).toISOString(),
      value,
    })),
  );
}
