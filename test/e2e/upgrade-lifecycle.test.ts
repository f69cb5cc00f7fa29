import { computeEventHash, type EventEnvelope } from '@upgrade-control/contracts';
import { all, ok } from '@upgrade-control/client';
import { until, type RoleClients } from '../../scripts/demo/client.mjs';
import { runDemo } from '../../scripts/demo/walkthrough.mjs';
import { replayLog } from '../../apps/monitoring/src/cli/audit.js';
import { compileRecord } from '../../apps/monitoring/src/domain/upgrade-record.js';
import { freePort } from '../../scripts/service-process.mjs';
import { startPrometheus, type RunningPrometheus } from '../../scripts/prometheus.mjs';
import { kafkaBrokers } from '../support/environment.js';
import { asRoles } from './api.js';
import { startSystem, type RunningSystem } from './system.js';
import { execute, readyInWindow } from './walkthrough.js';

const quiet = () => undefined;

describe('the whole upgrade, end to end, four services as processes', () => {
  let system: RunningSystem;
  let api: RoleClients;
  // A real Prometheus scraping the port where the demo serves Hamburg's error ratio (issue 17).
  let prometheus: RunningPrometheus;
  let exporterPort: number;
  const upgrade = (upgradeId: string) => ({ params: { path: { upgradeId } } });
  const planOf = (upgradeId: string) => ok(api.observer.GET('/upgrades/{upgradeId}', upgrade(upgradeId)));
  const executionOf = (upgradeId: string) => ok(api.observer.GET('/executions/{upgradeId}', upgrade(upgradeId)));
  const assetOf = (assetId: string) => ok(api.observer.GET('/assets/{assetId}', { params: { path: { assetId } } }));
  const historyOf = async (upgradeId: string): Promise<EventEnvelope[]> =>
    all(async (cursor) =>
      ok(api.auditor.GET('/audit/upgrades/{upgradeId}/events', { params: { path: { upgradeId }, query: { cursor } } })),
    );

  beforeAll(async () => {
    exporterPort = (await freePort()) as number;
    prometheus = await startPrometheus([`127.0.0.1:${exporterPort}`], { firstScrape: false });
    system = await startSystem({ PROMETHEUS_URL: prometheus.url });
    api = asRoles(system);
  }, 120_000);
  afterAll(async () => {
    await system.stop();
    await prometheus.stop();
  }, 60_000);

  it('walks the demo: the pilot holds, the second wave regresses and rolls back; the log is complete and verified', async () => {
    const { upgradeId, verify } = await runDemo({
      api,
      log: quiet,
      tag: 'demo',
      monitoringMinutes: 1,
      windowLeadSeconds: 25,
      prometheus: { url: prometheus.url, exporterPort },
    });
    expect(Object.values(verify).map((v) => (v as { ok: boolean }).ok)).toEqual([true]);
    // What the other services learn through Kafka arrives a moment later: wait for it, then assert.
    await until(
      'planning to follow the rollback',
      async () => (await planOf(upgradeId)).status === 'RolledBack' || undefined,
    );
    const { events, history }: { events: EventEnvelope[]; history: EventEnvelope[] } = await until(
      'monitoring to hold all that Kafka holds',
      async () => {
        const replayed = (await replayLog(kafkaBrokers(), system.topicPrefix)).events;
        const merged = await historyOf(upgradeId);
        const inKafka = new Set(replayed.filter((e) => e.correlationId === upgradeId).map((e) => e.eventId));
        return inKafka.size === merged.length && merged.every((e) => inKafka.has(e.eventId))
          ? { events: replayed, history: merged }
          : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1000 },
    );
    const payloadsOf = (type: string) => history.filter((e) => e.type === type).map((e) => e.payload);
    // The staged rollout, wave by wave: the pilot accepted and promoted by the approver after its
    // bake, the second wave accepted; its regression rolls it back and holds the pilot (issue 18).
    const waveEvents = history
      .filter((e) => e.producer === 'execution' && /^(Rollout|Wave|RollbackTriggered|RollbackCompleted)/.test(e.type))
      .map((e) => [e.type, (e.payload as { wave?: string }).wave ?? null]);
    expect(waveEvents).toEqual([
      ['RolloutStarted', null],
      ['WaveAccepted', 'pilot'],
      ['WavePromoted', null],
      ['WaveAccepted', 'hamburg-munich'],
      ['RollbackTriggered', null],
      ['WaveHeld', 'pilot'],
      ['WaveRolledBack', 'hamburg-munich'],
      ['RollbackCompleted', null],
    ]);
    expect(payloadsOf('WavePromoted')).toEqual([
      expect.objectContaining({ from: 'pilot', to: 'hamburg-munich', promotedBy: 'bob' }),
    ]);
    expect(payloadsOf('WaveHeld')).toEqual([expect.objectContaining({ stance: 'kept' })]);
    expect(payloadsOf('WaveRolledBack')).toEqual([
      expect.objectContaining({ targets: ['pg-hamburg-demo', 'pg-munich-demo'] }),
    ]);
    expect(payloadsOf('RollbackCompleted')).toEqual([
      expect.objectContaining({
        restored: [
          { assetId: 'pg-hamburg-demo', version: '15.4' },
          { assetId: 'pg-munich-demo', version: '15.5' },
        ],
      }),
    ]);
    // Hamburg's regression was judged by its metric analysis on Prometheus' figures (issue 17),
    // not by its threshold trigger: a Mann-Whitney failure against the baseline from before the window.
    const [baseline] = payloadsOf('AnalysisBaselineCaptured') as { query: string; values: number[] }[];
    expect(baseline!.query).toBe('avg(uc_demo_orders_error_ratio{asset_id="pg-hamburg-demo"})');
    expect(baseline!.values.length).toBeGreaterThan(5);
    expect(Math.max(...baseline!.values)).toBeLessThan(0.05);
    expect(payloadsOf('AnalysisConcluded')).toEqual([
      expect.objectContaining({ metric: 'error-rate', outcome: 'failed', action: 'rollback' }),
    ]);
    const [rollback] = payloadsOf('RollbackTriggered') as { reason: string }[];
    expect(rollback!.reason).toMatch(/^analysis error-rate on pg-hamburg-demo failed: /);
    expect(payloadsOf('RegressionDetected')).toEqual([]);
    // The pilot holds the new version; the second wave's sites run their old one again.
    const versions = await until('inventory to settle', async () => {
      const byId: Record<string, string> = {};
      for (const assetId of ['pg-berlin-demo', 'reportly-berlin-demo', 'pg-hamburg-demo', 'pg-munich-demo'])
        byId[assetId] = (await assetOf(assetId)).version;
      return byId['pg-hamburg-demo'] === '15.4' && byId['pg-munich-demo'] === '15.5' ? byId : undefined;
    });
    expect(versions).toEqual({
      'pg-berlin-demo': '16.2',
      'reportly-berlin-demo': '5.0',
      'pg-hamburg-demo': '15.4',
      'pg-munich-demo': '15.5',
    });

    // Kafka holds every event of the upgrade (at least once; each id once in the merged history).
    expect(new Set(history.map((e) => e.eventId)).size).toBe(history.length);
    const types = history.map((e) => e.type);
    for (const type of [
      'UpgradeProposed',
      'WavesDefined',
      'UpgradeApproved',
      'UpgradeReadyForExecution',
      'ExecutionStarted',
      'BackupVerified',
      'ConfigurationSnapshotCaptured',
      'ConfigurationSnapshotLinked',
      'UpgradeApplied',
      'AssetVersionChanged',
      'AcceptancePassed',
      'MonitoringStarted',
      'MonitoringEndedByRollback',
      'UpgradeStatusChanged',
    ]) {
      expect(types).toContain(type);
    }
    // Correlation and causation link the services' events: every cause is an event of this upgrade.
    const ids = new Set(history.map((e) => e.eventId));
    for (const e of history) {
      expect(e.correlationId).toBe(upgradeId);
      expect(computeEventHash((({ hash: _, ...rest }) => rest)(e))).toBe(e.hash);
      if (e.causationId) expect(ids).toContain(e.causationId);
    }
    const byId = new Map(history.map((e) => [e.eventId, e]));
    const causeOf = (type: string) => byId.get(history.find((e) => e.type === type)!.causationId!)!.type;
    expect(causeOf('ExecutionStarted')).toBe('UpgradeReadyForExecution');
    // Monitoring watches the pilot from its acceptance (a wave is judged while it bakes).
    expect(causeOf('MonitoringStarted')).toBe('WaveAccepted');
    expect(causeOf('MonitoringWidened')).toBe('WaveAccepted');
    expect(causeOf('MonitoringEndedByRollback')).toBe('RollbackTriggered');

    const body = await ok(api.auditor.GET('/records/{upgradeId}', upgrade(upgradeId)));
    // The record is JSON or Markdown by Accept; the client asks for JSON.
    if (typeof body === 'string') throw new Error(`the record came as text: ${body.slice(0, 80)}`);
    expect(body.record).toEqual(compileRecord(upgradeId, events));
    expect(body.record).toMatchObject({
      outcome: 'rolled-back',
      acceptance: { result: 'passed' },
      rollback: { status: 'completed', trigger: 'regression' },
    });
    // The agent read the scratch database's settings before and after apply; the step really changed one.
    const berlin = body.record.configurationSnapshots.find((s) => s.assetId === 'pg-berlin-demo');
    expect(berlin!.diff!.changed).toEqual([{ path: 'settings.statement_timeout', before: '0', after: '30s' }]);
    expect(await ok(api.auditor.GET('/audit/verify'))).toMatchObject({
      ok: true,
      broken: [],
    });
  }, 600_000);

  it('never applies an upgrade whose backup verification failed', async () => {
    const { upgradeId } = await readyInWindow(api, 'nobackup');
    await expect(
      execute(api, upgradeId, { tag: 'nobackup', verification: (id: string) => id !== 'orders-berlin' }),
    ).rejects.toMatchObject({ status: 422 });
    const execution = await executionOf(upgradeId);
    expect(execution.applied).toBe(false);
    expect(execution.backups['orders-berlin']).toMatchObject({
      verified: false,
      // The demo restores a real pg_dump into a scratch database that, for this backup, it never created.
      failed: expect.stringMatching(/^restore test on scratch database uc_bk_[0-9a-f]{16}_restore failed$/),
    });
    // Monitoring hears it through Kafka, a moment later.
    const types = await until('monitoring to record the failed verification', async () => {
      const seen = (await historyOf(upgradeId)).map((e) => e.type);
      return seen.includes('BackupVerificationFailed') ? seen : undefined;
    });
    expect(types).not.toContain('UpgradeApplied');
  }, 300_000);

  it("rolls back the pilot on an acceptance failure, cancels the later wave, and the pilot's versions return", async () => {
    const { upgradeId } = await readyInWindow(api, 'accfail');
    expect(
      await execute(api, upgradeId, { tag: 'accfail', outcome: (c: string) => (c === 'orders' ? 'failed' : 'passed') }),
    ).toBe('failed');
    const execution = await executionOf(upgradeId);
    expect(execution.status).toBe('RollingBack');
    expect(execution.rollout!.progress).toMatchObject({
      pilot: { status: 'rolled-back' },
      'hamburg-munich': { status: 'cancelled' },
    });
    await until(
      'inventory to move to 16.2',
      async () => (await assetOf('pg-berlin-accfail')).version === '16.2' || undefined,
    );
    await ok(
      api.operator.POST('/executions/{upgradeId}/rollback/complete', {
        ...upgrade(upgradeId),
        body: { dataLossExposure: 'none' },
      }),
    );
    await until(
      'inventory to return to 15.6',
      async () => (await assetOf('pg-berlin-accfail')).version === '15.6' || undefined,
    );
    expect((await assetOf('pg-hamburg-accfail')).version).toBe('15.4');
    await until('planning to follow', async () => (await planOf(upgradeId)).status === 'RolledBack' || undefined);
  }, 300_000);
});
