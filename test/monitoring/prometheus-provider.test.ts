import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  measurementOf,
  type MetricAnswer,
  type MetricPoint,
} from '../../apps/monitoring/src/application/metric-provider.js';
import { judge } from '../../apps/monitoring/src/domain/analysis/judge.js';
import type { StatisticalJudgement } from '../../apps/monitoring/src/domain/analysis/judgement.js';
import { PrometheusMetricProvider } from '../../apps/monitoring/src/infrastructure/prometheus-metric-provider.js';
import { prometheusSettings } from '../../apps/monitoring/src/infrastructure/prometheus-settings.js';
import { eventually } from '../support/environment.js';
import { startMetricExporter, type MetricExporter, type Phase } from '../../scripts/demo/metric-exporter.mjs';
import { startPrometheus, type RunningPrometheus } from '../../scripts/prometheus.mjs';

const METRIC = 'uc_request_latency_seconds';
const QUERY = `${METRIC}{asset_id="{{assetId}}", site="{{site}}"}`;
const target = { assetId: 'orders-db', site: 'fra-1' };
// Each phase varies a little from scrape to scrape, as real latency does.
const HEALTHY = [0.1, 0.101, 0.102];
const DEGRADED = [0.5, 0.501, 0.502];
const healthy: Phase = (i) => HEALTHY[i % 3]!;
const degraded: Phase = (i) => DEGRADED[i % 3]!;
const SCRAPES_PER_PHASE = 6;
const latencyRises: StatisticalJudgement = {
  kind: 'mann-whitney',
  harm: 'increase',
  confidence: 0.95,
  minimumEffect: { measure: 'rank-biserial', value: 0.5 },
  noData: 'inconclusive',
};

const provider = (env: NodeJS.ProcessEnv) => new PrometheusMetricProvider(prometheusSettings(env));
const values = (points: MetricPoint[]) => points.map((p) => p.value);
const pointsOf = (answer: MetricAnswer): MetricPoint[] => {
  if (answer.kind !== 'series') throw new Error(`expected series, got ${JSON.stringify(answer)}`);
  return answer.series[0]!.points;
};

/** Pulls from a real Prometheus scraping an exporter the test drives: healthy, degraded, recovered. */
describe('the Prometheus metric provider against a real Prometheus', () => {
  let exporter: MetricExporter;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    exporter = await startMetricExporter(METRIC, { asset_id: 'orders-db', site: 'fra-1' }, healthy);
    prometheus = await startPrometheus([exporter.target]);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('returns the exporter values of each phase over query_range, and the statistical judgement tells them apart', async () => {
    const from = new Date();
    await exporter.phase(healthy, SCRAPES_PER_PHASE);
    await exporter.phase(degraded, SCRAPES_PER_PHASE);
    await exporter.phase(healthy, SCRAPES_PER_PHASE);
    // The last scrape served is stored once Prometheus answers the recovered value.
    await eventually(async () => ((await prometheus.valueOf(`${METRIC}`)) ?? 1) < 0.3, 20_000, 'the recovered value');
    const to = new Date();

    const prom = provider({ PROMETHEUS_URL: prometheus.url });
    const points = pointsOf(await prom.range({ query: QUERY, target, from, to, stepSeconds: 1 }));
    const phases = points.map((p) => (p.value < 0.3 ? 'healthy' : 'degraded'));
    expect(phases.filter((phase, i) => phase !== phases[i - 1])).toEqual(['healthy', 'degraded', 'healthy']);
    for (const value of values(points)) expect([...HEALTHY, ...DEGRADED]).toContainEqual(value);

    const firstDegraded = phases.indexOf('degraded');
    const lastDegraded = phases.lastIndexOf('degraded');
    const before = values(points.slice(0, firstDegraded));
    const during = values(points.slice(firstDegraded, lastDegraded + 1));
    const after = values(points.slice(lastDegraded + 1));
    expect(judge(latencyRises, { values: during }, before)).toMatchObject({ verdict: 'fail' });
    expect(judge(latencyRises, { values: after }, before)).toMatchObject({ verdict: 'pass' });

    const now = await prom.instant({ query: QUERY, target, at: to });
    expect(values(pointsOf(now))[0]).toBeLessThan(0.3);
  });

  it('answers "no data" for a series that does not exist, which the judgement does not pass', async () => {
    const prom = provider({ PROMETHEUS_URL: prometheus.url });
    const answer = await prom.range({
      query: QUERY,
      target: { assetId: 'retired-db', site: 'fra-1' },
      from: new Date(Date.now() - 60_000),
      to: new Date(),
      stepSeconds: 1,
    });
    expect(answer).toEqual({ kind: 'no-data', query: `${METRIC}{asset_id="retired-db", site="fra-1"}` });
    expect(judge(latencyRises, measurementOf(answer), [0.1, 0.1]).verdict).toBe('inconclusive');
  });

  it('reports a query Prometheus cannot parse at once, without retrying it', async () => {
    const answer = await provider({ PROMETHEUS_URL: prometheus.url }).instant({
      query: `rate(${METRIC}{asset_id="{{assetId}}"}`,
      target,
      at: new Date(),
    });
    expect(answer).toMatchObject({ kind: 'error', attempts: 1 });
    expect(answer.kind === 'error' && answer.reason).toMatch(/^Prometheus answered 400: bad_data: /);
  });

  it('reports an error after its retries once Prometheus is stopped', async () => {
    await prometheus.stop();
    const answer = await provider({ PROMETHEUS_URL: prometheus.url, PROMETHEUS_RETRIES: '2' }).instant({
      query: QUERY,
      target,
      at: new Date(),
    });
    expect(answer).toMatchObject({ kind: 'error', attempts: 3 });
    expect(answer.kind === 'error' && answer.reason).toMatch(/unreachable \(ECONNREFUSED\) \(after 3 attempts\)/);
    expect(judge(latencyRises, measurementOf(answer), [0.1]).verdict).toBe('error');
  });
});

type Recorded = { url: string; headers: IncomingHttpHeaders };

/** A stand-in for Prometheus that records each request and answers with the statuses it is given. */
async function recordingServer(
  statuses: number[],
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ url: request.url!, headers: request.headers });
    const status = statuses.shift() ?? 200;
    if (status === 0) return; // never answers: the client's timeout must end the wait
    response.statusCode = status;
    response.setHeader('content-type', 'application/json');
    response.end(
      status === 200
        ? JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: {}, value: [1_800_000_000, '+Inf'] }] },
          })
        : JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'busy' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/prometheus`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the Prometheus client over HTTP', () => {
  const at = new Date('2027-01-15T08:00:00Z');

  it('sends the bearer token, under the URL path prefix, and retries a 503', async () => {
    const server = await recordingServer([503, 200]);
    try {
      const answer = await provider({ PROMETHEUS_URL: server.url, PROMETHEUS_BEARER_TOKEN: 'tok-1' }).instant({
        query: QUERY,
        target,
        at,
      });
      expect(values(pointsOf(answer))).toEqual([Infinity]);
      expect(server.requests).toHaveLength(2);
      const url = new URL(server.requests[1]!.url, 'http://x');
      expect(url.pathname).toBe('/prometheus/api/v1/query');
      expect(url.searchParams.get('query')).toBe(`${METRIC}{asset_id="orders-db", site="fra-1"}`);
      expect(url.searchParams.get('time')).toBe(String(at.getTime() / 1000));
      expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
    } finally {
      await server.close();
    }
  });

  it('sends basic credentials, and none when none are configured', async () => {
    const server = await recordingServer([]);
    try {
      await provider({ PROMETHEUS_URL: server.url, PROMETHEUS_USERNAME: 'uc', PROMETHEUS_PASSWORD: 'pw:1' }).instant({
        query: QUERY,
        target,
        at,
      });
      await provider({ PROMETHEUS_URL: server.url }).instant({ query: QUERY, target, at });
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        `Basic ${Buffer.from('uc:pw:1').toString('base64')}`,
        undefined,
      ]);
    } finally {
      await server.close();
    }
  });

  it('ends each attempt at the timeout and reports the error after the retries', async () => {
    const server = await recordingServer([0, 0]);
    try {
      const answer = await provider({
        PROMETHEUS_URL: server.url,
        PROMETHEUS_TIMEOUT_MS: '200',
        PROMETHEUS_RETRIES: '1',
      }).instant({ query: QUERY, target, at });
      expect(answer).toEqual({
        kind: 'error',
        reason: 'Prometheus did not answer within 200 ms (after 2 attempts)',
        attempts: 2,
      });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
