import { readFileSync } from 'node:fs';
import { PlatformMetrics } from './metrics.js';

// docs/grafana-dashboard.json names only series the services really export: every PromQL
// expression of its panels and variables, checked against the registry every service builds.
interface Panel {
  title: string;
  targets?: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as {
  panels: Panel[];
  templating: { list: { query?: unknown }[] };
};

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
]);

/** The metric names an expression reads: identifiers left once labels, ranges, groupings and function calls are gone. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...bare.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter(([, name, call]) => call === undefined && !KEYWORDS.has(name!))
    .map(([, name]) => name!);
}

/** What Prometheus stores for each registered metric (a histogram as its _bucket, _sum and _count). */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = await new PlatformMetrics('spec').registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap(({ name, type }) =>
      String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
    ),
  );
}

const expressions = [
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map(({ expr }) => ({ where: panel.title, expr }))),
  ...dashboard.templating.list
    .filter((variable) => typeof variable.query === 'string' && variable.query.startsWith('label_values('))
    .map((variable) => ({
      where: 'variable',
      expr: (variable.query as string).replace(/^label_values\(([^,]+),.*$/, '$1'),
    })),
];

describe('the Grafana dashboard (docs/grafana-dashboard.json)', () => {
  it('reads metric names out of PromQL, and nothing else', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (service, le) (rate(http_seconds_bucket{service=~"a|b"}[$__rate_interval]))) / ignoring (x) up',
      ),
    ).toEqual(['http_seconds_bucket', 'up']);
  });

  it('names only series that the platform registers', async () => {
    const exported = await exportedSeries();
    const unknown = expressions.flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !exported.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('shows relay lag, consumer lag, DLQ sizes, HTTP rates and latency', () => {
    const named = new Set(expressions.flatMap(({ expr }) => metricNames(expr)));
    for (const series of [
      'uc_relay_lag_events',
      'uc_consumer_lag_messages',
      'uc_dlq_messages',
      'uc_http_request_duration_seconds_count',
      'uc_http_request_duration_seconds_bucket',
    ])
      expect({ series, shown: named.has(series) }).toEqual({ series, shown: true });
  });
});
