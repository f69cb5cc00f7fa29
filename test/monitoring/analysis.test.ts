import {
  sealEnvelope,
  type AnalysisConcluded,
  type AnalysisMetric,
  type EventEnvelope,
  type PayloadOf,
} from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { MonitoringFacts } from '../../apps/monitoring/src/application/monitoring-facts.js';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually } from '../support/environment.js';
import { startMetricExporter, type MetricExporter, type Phase } from '../../scripts/demo/metric-exporter.mjs';
import { startPrometheus, type RunningPrometheus } from '../../scripts/prometheus.mjs';
import { publishedStream } from '../support/published-history.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';

// Each phase varies a little from scrape to scrape, as real latency does.
const healthy: Phase = (i) => [0.1, 0.101, 0.102][i % 3]!;
const degraded: Phase = (i) => [0.5, 0.501, 0.502][i % 3]!;

/** p95 latency every 10 s, Mann-Whitney against the five minutes before the window: one failed run fails it. */
const latency = (metric: string, changes: Partial<AnalysisMetric> = {}): AnalysisMetric => ({
  name: 'latency',
  provider: 'prometheus',
  query: `${metric}{asset_id="{{assetId}}"}`,
  intervalSeconds: 10,
  count: 1,
  judgement: {
    kind: 'mann-whitney',
    harm: 'increase',
    confidence: 0.95,
    minimumEffect: { measure: 'rank-biserial', value: 0.5 },
    noData: 'inconclusive',
  },
  baseline: { kind: 'preceding', minutes: 5 },
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 0,
  mode: 'automatic',
  onInconclusive: 'pause',
  assetId: null,
  ...changes,
});

/**
 * Monitoring's metric analysis against a real Prometheus scraping exporters the test drives
 * (issue 17, ADR 32). Monitoring runs on the wall clock here, because Prometheus holds real time.
 */
describe('metric analysis against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let steady: MetricExporter;
  let regressing: MetricExporter;
  beforeAll(async () => {
    steady = await startMetricExporter('uc_steady_latency_seconds', { asset_id: 'orders-db', site: 'berlin' }, healthy);
    regressing = await startMetricExporter('uc_regressing_latency_seconds', { asset_id: 'orders-db' }, healthy);
    prometheus = await startPrometheus([steady.target, regressing.target]);
    // Some healthy history before any window opens: the baseline.
    await regressing.phase(healthy, 8);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all([steady?.close(), regressing?.close()]);
  });
  const service = useMonitoringService({
    env: () => ({ PROMETHEUS_URL: prometheus.url, ANALYSIS_TICK_MS: '200', PROMETHEUS_TIMEOUT_MS: '1000' }),
  });
  const { publish, setNow, types } = service;
  beforeAll(async () => {
    setNow(null);
    // Inventory's registration gives the target its site for {{site}} in a query.
    const asset = {
      ...databaseAsset('orders-db'),
      attributes: {},
      businessProcesses: [],
      userGroups: [],
      peakPeriods: [],
      expiresOn: null,
    };
    const registered = [{ type: 'AssetRegistered', payload: asset }];
    await publish('inventory', publishedStream('inventory', 'asset-orders-db', 'orders-db', registered, new Date()));
    await eventually(
      async () => (await service.data.query(`SELECT 1 FROM record_events WHERE type = 'AssetRegistered'`)).length === 1,
      30_000,
      'the asset registration',
    );
  });

  const events = async (upgradeId: string, type: string) =>
    (await service.monitoring.store.readStream(`monitoring-${upgradeId}`)).filter((e) => e.type === type);
  const concludedOf = async (upgradeId: string) => {
    await eventually(async () => (await types(upgradeId)).includes('AnalysisConcluded'), 60_000, 'the conclusion');
    return (await events(upgradeId, 'AnalysisConcluded'))[0]!.payload as PayloadOf<typeof AnalysisConcluded>;
  };

  /** The finished upgrade, its window opening now, without metric triggers (the analysis is what is watched). */
  async function upgradeWithAnalysis(upgradeId: string, metric: AnalysisMetric) {
    const { planningEvents, execution } = finishedUpgrade(upgradeId);
    const ready = planningEvents.at(-1)!;
    const plan = ready.payload as ReadyPlan;
    const planning = [
      ...planningEvents.slice(0, -1),
      {
        type: ready.type,
        payload: {
          ...plan,
          window: { ...plan.window, startsAt: new Date().toISOString() },
          rollback: { ...plan.rollback, triggers: plan.rollback.triggers.filter((t) => t.kind !== 'metric-threshold') },
        },
      },
      { type: 'AnalysisDefined', payload: { upgradeId, metrics: [metric] } },
    ];
    const stream: EventEnvelope[] = publishedStream(
      'planning',
      `upgrade-${upgradeId}`,
      upgradeId,
      planning,
      new Date('2026-12-01T00:00:00Z'),
    );
    await publish('planning', stream);
    await eventually(
      async () =>
        (
          await service.data.query(`SELECT 1 FROM record_events WHERE upgrade_id = $1 AND type = 'AnalysisDefined'`, [
            upgradeId,
          ])
        ).length === 1,
      30_000,
      'the analysis definition',
    );
    await publish('execution', execution);
    await eventually(async () => (await types(upgradeId)).includes('MonitoringStarted'), 30_000, 'monitoring to start');
    return execution;
  }

  it("labels a target with the site and node of inventory's registration, version 1 (one location string) included", async () => {
    const { site: _site, node: _node, ...details } = databaseAsset('legacy-db');
    const registeredV1 = sealEnvelope({
      eventId: uuidv7(),
      type: 'AssetRegistered',
      schemaVersion: 1,
      streamId: 'asset-legacy-db',
      streamVersion: 1,
      occurredAt: new Date().toISOString(),
      producer: 'inventory',
      correlationId: 'legacy-db',
      causationId: null,
      actor: { id: 'alice', role: 'planner' },
      payload: {
        ...details,
        location: 'hamburg/rack-2',
        attributes: {},
        businessProcesses: [],
        userGroups: [],
        peakPeriods: [],
        expiresOn: null,
      },
      prevHash: null,
    });
    await publish('inventory', [registeredV1]);
    const facts = service.monitoring.app.get(MonitoringFacts);
    const labels = await eventually(
      async () => {
        const known = await facts.labels(['legacy-db']);
        return known[0]!.site ? known : undefined;
      },
      30_000,
      'the registration',
    );
    expect(labels).toEqual([{ assetId: 'legacy-db', site: 'hamburg', node: 'rack-2' }]);
  });

  it('a regression found by the Mann-Whitney test fails the analysis with the rollback action', async () => {
    await upgradeWithAnalysis('an-regress', latency('uc_regressing_latency_seconds'));
    await regressing.phase(degraded, 2);
    const concluded = await concludedOf('an-regress');
    expect(concluded).toMatchObject({ outcome: 'failed', action: 'rollback', runs: 1, failures: 1 });
    const [baseline] = await events('an-regress', 'AnalysisBaselineCaptured');
    expect((baseline!.payload as { values: number[] }).values.length).toBeGreaterThanOrEqual(5);
    const [run] = await events('an-regress', 'AnalysisMeasured');
    expect(run!.payload).toMatchObject({
      run: 1,
      verdict: 'fail',
      query: 'uc_regressing_latency_seconds{asset_id="orders-db"}',
    });
    expect((run!.payload as { pValue: number }).pValue).toBeLessThan(0.05);
  });

  it('a query returning no data is a finding (inconclusive, then the policy), never a pass', async () => {
    await upgradeWithAnalysis('an-silent', latency('uc_no_such_metric'));
    expect(await concludedOf('an-silent')).toMatchObject({ outcome: 'inconclusive', action: 'pause' });
    const [run] = await events('an-silent', 'AnalysisMeasured');
    expect(run!.payload).toMatchObject({ verdict: 'inconclusive', values: [] });
  });

  it('a paused analysis the decision owner chose to continue past is accepted, and stability can follow', async () => {
    const execution = await upgradeWithAnalysis('an-accepted', latency('uc_no_such_metric'));
    expect(await concludedOf('an-accepted')).toMatchObject({ outcome: 'inconclusive', action: 'pause' });
    // Execution asked the decision owner (the pause) and she chose to continue: RollbackDeclined.
    const reason = 'the metric moved to another exporter; the users see no errors';
    const declined = { upgradeId: 'an-accepted', triggerId: 'analysis:latency:orders-db', decidedBy: 'olga', reason };
    await publish(
      'execution',
      publishedStream(
        'execution',
        execution[0]!.streamId,
        'an-accepted',
        [{ type: 'RollbackDeclined', payload: declined }],
        new Date(),
        { id: 'olga', role: 'operator' },
        execution.at(-1)!,
      ),
    );
    await eventually(
      async () => (await types('an-accepted')).includes('AnalysisFindingAccepted'),
      30_000,
      'the acceptance',
    );
    expect((await events('an-accepted', 'AnalysisFindingAccepted'))[0]!.payload).toMatchObject({
      metric: 'latency',
      outcome: 'inconclusive',
      acceptedBy: 'olga',
      reason,
    });
    const [started] = await events('an-accepted', 'MonitoringStarted');
    setNow(new Date(Date.parse((started!.payload as { endsAt: string }).endsAt) + 1000).toISOString());
    try {
      await eventually(async () => (await types('an-accepted')).includes('StabilityConfirmed'), 30_000, 'stability');
    } finally {
      setNow(null);
    }
    expect(await types('an-accepted')).not.toContain('MonitoringExtended');
  });

  it('a healthy upgrade passes its analysis and reaches stability (the query templated with the site)', async () => {
    const bySite = {
      ...latency('uc_steady_latency_seconds'),
      query: 'uc_steady_latency_seconds{asset_id="{{assetId}}", site="{{site}}"}',
    };
    await upgradeWithAnalysis('an-healthy', bySite);
    expect(await concludedOf('an-healthy')).toMatchObject({ outcome: 'passed', action: 'none', runs: 1 });
    const [run] = await events('an-healthy', 'AnalysisMeasured');
    expect(run!.payload).toMatchObject({
      verdict: 'pass',
      query: 'uc_steady_latency_seconds{asset_id="orders-db", site="berlin"}',
    });
    const [started] = await events('an-healthy', 'MonitoringStarted');
    const endsAt = Date.parse((started!.payload as { endsAt: string }).endsAt);
    setNow(new Date(endsAt + 1000).toISOString());
    try {
      await eventually(async () => (await types('an-healthy')).includes('StabilityConfirmed'), 30_000, 'stability');
    } finally {
      setNow(null);
    }
    const record = await service.monitoring.as('auditor').get('/records/an-healthy').expect(200);
    expect(record.body.record.analysis).toEqual([
      expect.objectContaining({ metric: 'latency', conclusion: expect.objectContaining({ outcome: 'passed' }) }),
    ]);
  });

  it('Prometheus unreachable: errors past the consecutive error limit, then the policy applies', async () => {
    await prometheus.stop();
    const metric = latency('uc_steady_latency_seconds', {
      count: 3,
      consecutiveErrorLimit: 1,
      onInconclusive: 'rollback',
    });
    await upgradeWithAnalysis('an-down', metric);
    expect(await concludedOf('an-down')).toMatchObject({
      outcome: 'errored',
      action: 'rollback',
      consecutiveErrors: 2,
    });
    expect(await events('an-down', 'AnalysisBaselineCaptured')).toEqual([]);
    const runs = (await events('an-down', 'AnalysisMeasured')).map(
      (e) => e.payload as { verdict: string; run: number },
    );
    expect(runs.map((r) => [r.run, r.verdict])).toEqual([
      [1, 'error'],
      [2, 'error'],
    ]);
  });
});
