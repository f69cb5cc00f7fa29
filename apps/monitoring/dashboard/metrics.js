// The platform's own series, read from each service's Prometheus text (GET /metrics); the names are
// those of libs/platform/src/observability/metrics.ts.

export const SERIES = {
  relayLag: 'uc_relay_lag_events',
  consumerLag: 'uc_consumer_lag_messages',
  dlq: 'uc_dlq_messages',
  parked: 'uc_relay_parked_events',
};

/** Sum of every sample of a series (one per partition for consumer lag); null when absent. */
function total(text, name) {
  let sum = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) sum = (sum ?? 0) + value;
  }
  return sum;
}

/** The dashboard's figures for one service. */
export function platformFigures(text) {
  return Object.fromEntries(Object.entries(SERIES).map(([key, name]) => [key, total(text, name)]));
}
