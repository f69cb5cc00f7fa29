// Act 2: one plan for every site through every gate of the rule book, staged in waves, submitted and approved.
import { ok, until } from '../client.mjs';
import { defineWaves, SITES } from './waves.mjs';

/**
 * One upgrade, PostgreSQL 16 for orders at every site (issue 18: the demo is one plan, a pilot site
 * and then two sites in a wave). Its restore and rollback times are the demo's scratch databases'
 * (restored in seconds, see backup-drill.mjs): one minute each, so that each wave's window keeps
 * one minute for a rollback and the second wave can open two minutes after the pilot's.
 */
export async function planUpgrades({ api, log, upgradeId, id, monitoringMinutes, metrics, schedule }) {
  log('2. Planning: one plan for all three sites, every gate of the rule book');
  await until('planning to know the inventory', () =>
    ok(
      api.planner.POST('/upgrades', {
        body: {
          upgradeId,
          title: 'PostgreSQL 16 for orders',
          category: 'end-of-support',
          purpose: 'replace PostgreSQL 15 before its end of support',
          targets: SITES.map((site) => ({ assetId: id(`pg-${site}`), toVersion: '16.2' })),
        },
      }),
    ).then(() => true),
  );
  const upgrade = { params: { path: { upgradeId } } };
  const post = (path, body, role = 'planner') =>
    ok(api[role].POST(`/upgrades/{upgradeId}/${path}`, { ...upgrade, body }));
  const put = (path, body) => ok(api.planner.PUT(`/upgrades/{upgradeId}/${path}`, { ...upgrade, body }));
  await post('impact', {});
  // Rules reach planning through Kafka on their own keys, possibly after the assets: assess
  // again until the plan (Reportly reports from its Berlin database) is judged by the rule.
  const judgedBy = (rule) =>
    until(`planning to know the compatibility rule ${rule}`, async () => {
      const assessment = await post('compatibility', {});
      return assessment.findings.some((f) => f.ruleId === id(rule)) ? assessment : undefined;
    });
  const compatibility = await judgedBy('reportly-4-pg');
  const broken = compatibility.findings.filter((f) => f.status === 'incompatible');
  for (const f of broken)
    log(`   compatibility: ${f.assetId} ${f.assetVersion} with ${f.otherAssetId} ${f.otherVersion} breaks "${f.rule}"`);
  if (broken.length) {
    await post('targets', {
      assetId: id('reportly-berlin'),
      toVersion: '5.0',
      reason: 'its driver must speak PostgreSQL 16',
    });
    await post('impact', {});
    // The new target's rule too: until it arrives, submitting would find Reportly 5.0 with
    // PostgreSQL 16 covered by no rule (compatibility-unknown).
    await judgedBy('reportly-5-pg');
    await post('backups', {
      backupId: 'reportly-config',
      assetId: id('reportly-berlin'),
      scope: 'configuration',
      method: 'config export',
      location: 'git',
      retentionDays: 90,
      restoreMethod: 're-import',
      expectedRestoreMinutes: 1,
    });
    log('   fixed by upgrading the reporting tool with the database');
  }
  for (const site of SITES)
    await post('backups', {
      backupId: `orders-${site}`,
      assetId: id(`pg-${site}`),
      scope: 'data-and-configuration',
      method: 'pg_basebackup',
      location: `s3://backups/${site}`,
      retentionDays: 30,
      restoreMethod: 'restore base backup and WAL',
      expectedRestoreMinutes: 1,
    });
  await put('rollback-plan', {
    decisionOwner: 'oscar',
    steps: ['stop applications', 'restore base backup', 'start applications'],
    estimatedMinutes: 1,
    dataLossExposure: 'none: order entry paused',
    reversibility: 'reversible',
    triggers: [
      { kind: 'acceptance-failure', mode: 'automatic' },
      {
        kind: 'metric-threshold',
        mode: 'automatic',
        metric: 'error_rate',
        comparison: 'above-absolute',
        threshold: 0.05,
        sustainedMinutes: 1,
      },
    ],
  });
  // The decision owner takes the role on himself (oscar holds the operator's dev key).
  await post('rollback-plan/decision-owner', { accept: true }, 'operator');
  await put('support-roles', { roles: ['dba', 'application-owner'] });
  await post('rollback-rehearsals', {
    outcome: 'succeeded',
    durationMinutes: 1,
    notes: 'restore rehearsed on staging',
  });
  await put('acceptance-criteria', {
    criteria: [
      {
        criterionId: 'starts',
        order: 1,
        kind: 'startup',
        core: true,
        description: 'database accepts connections',
        passCondition: 'psql connects',
      },
      {
        criterionId: 'orders',
        order: 2,
        kind: 'core-workflow',
        core: true,
        description: 'orders can be placed',
        passCondition: 'a test order commits',
      },
      {
        criterionId: 'logs',
        order: 3,
        kind: 'log-review',
        core: false,
        description: 'no new errors in the logs',
        passCondition: 'no ERROR lines',
      },
    ],
  });
  await post('test-evidence', {
    environment: 'staging with last week’s production data',
    representativeData: true,
    rolesCovered: ['clerk', 'manager'],
    integrationsCovered: ['reportly'],
    loadTested: true,
    outcome: 'passed',
    summary: 'core workflows passed at twice the peak load',
  });
  await put('runbook', {
    steps: [
      { stepId: 'pg-upgrade', order: 1, description: 'pg_upgrade --link' },
      { stepId: 'analyze', order: 2, description: 'vacuumdb --analyze-in-stages' },
    ],
  });
  await put('monitoring-period', { minutes: monitoringMinutes, reason: 'demo: a short observation period' });
  if (metrics) await defineErrorRateAnalysis({ api, log, upgradeId, put, metrics, assetId: id('pg-hamburg') });
  // The waves name the plan's checks and its analysis, so they come after both. Without a schedule
  // the plan is not staged (the rules ask for waves only of risky changes): it runs as one wave.
  if (schedule) await defineWaves({ api, log, upgradeId, id, schedule, analysed: Boolean(metrics) });
  await post('submit', {});
  await post('approvals', { comment: 'rollback rehearsed, window fits' }, 'approver');
}

/**
 * The plan judges Hamburg's release by a Mann-Whitney U test of its error ratio against the hour
 * before the window (issue 17): a PromQL query on the demo's exporter when Prometheus scrapes it
 * (npm start runs one in development), else the error_rate samples the demo pushes (metrics.mjs).
 * The gate report shows the judgement in words, the record its baseline and runs. Its threshold
 * trigger, sustained for a minute, would come later: the analysis decides first.
 */
async function defineErrorRateAnalysis({ api, log, upgradeId, put, metrics, assetId }) {
  await put('analysis', {
    metrics: [
      {
        name: 'error-rate',
        provider: metrics.provider,
        query: metrics.query,
        intervalSeconds: 10,
        count: null,
        judgement: {
          kind: 'mann-whitney',
          harm: 'increase',
          confidence: 0.95,
          minimumEffect: { measure: 'rank-biserial', value: 0.3 },
          noData: 'inconclusive',
        },
        baseline: { kind: 'preceding', minutes: 60 },
        failureLimit: 0,
        inconclusiveLimit: 3,
        consecutiveErrorLimit: 3,
        mode: 'automatic',
        onInconclusive: 'pause',
        // Hamburg's alone: the exporter serves its series; the other targets are watched by the
        // threshold trigger on the samples the demo pushes (a query without data would be inconclusive).
        assetId,
      },
    ],
  });
  const report = await ok(api.observer.GET('/upgrades/{upgradeId}/gates', { params: { path: { upgradeId } } }));
  for (const metric of report.analysis) log(`   analysis ${metric.name}: ${metric.judgement}`);
}
