// Act 2: one plan per site through every gate of the rule book, submitted and approved.
import { ok, until } from '../client.mjs';

export async function planUpgrades({ api, log, upgrades, id, monitoringMinutes, metrics }) {
  log('2. Planning: one plan per site, every gate of the rule book');
  for (const [site, upgradeId] of Object.entries(upgrades)) {
    const db = id(`pg-${site}`);
    await until('planning to know the inventory', () =>
      ok(
        api.planner.POST('/upgrades', {
          body: {
            upgradeId,
            title: `PostgreSQL 16 for orders (${site})`,
            category: 'end-of-support',
            purpose: 'replace PostgreSQL 15 before its end of support',
            targets: [{ assetId: db, toVersion: '16.2' }],
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
    // again until the Berlin plan (whose database Reportly reports from) is judged by them.
    const compatibility = await until('planning to know the compatibility rules', async () => {
      const assessment = await post('compatibility', {});
      const judged = site !== 'berlin' || assessment.findings.some((f) => f.ruleId === id('reportly-4-pg'));
      return judged ? assessment : undefined;
    });
    const broken = compatibility.findings.filter((f) => f.status === 'incompatible');
    for (const f of broken)
      log(
        `   compatibility: ${f.assetId} ${f.assetVersion} with ${f.otherAssetId} ${f.otherVersion} breaks "${f.rule}"`,
      );
    if (broken.length) {
      await post('targets', {
        assetId: id('reportly-berlin'),
        toVersion: '5.0',
        reason: 'its driver must speak PostgreSQL 16',
      });
      await post('impact', {});
      await post('backups', {
        backupId: 'reportly-config',
        assetId: id('reportly-berlin'),
        scope: 'configuration',
        method: 'config export',
        location: 'git',
        retentionDays: 90,
        restoreMethod: 're-import',
        expectedRestoreMinutes: 5,
      });
      log('   fixed by upgrading the reporting tool with the database');
    }
    await post('backups', {
      backupId: 'orders-full',
      assetId: db,
      scope: 'data-and-configuration',
      method: 'pg_basebackup',
      location: `s3://backups/${site}`,
      retentionDays: 30,
      restoreMethod: 'restore base backup and WAL',
      expectedRestoreMinutes: 20,
    });
    await put('rollback-plan', {
      decisionOwner: 'oscar',
      steps: ['stop applications', 'restore base backup', 'start applications'],
      estimatedMinutes: 20,
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
      durationMinutes: 18,
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
    if (site === 'hamburg' && metrics) await defineErrorRateAnalysis({ api, log, upgradeId, put, metrics });
    await post('submit', {});
    await post('approvals', { comment: 'rollback rehearsed, window fits' }, 'approver');
  }
}

/**
 * Hamburg's plan judges the release by a Mann-Whitney U test of its error ratio against the hour
 * before the window (issue 17): a PromQL query on the demo's exporter when Prometheus scrapes it
 * (npm start runs one in development), else the error_rate samples the demo pushes (metrics.mjs).
 * The gate report shows the judgement in words, the record its baseline and runs. Its threshold
 * trigger, sustained for a minute, would come later: the analysis decides first.
 */
async function defineErrorRateAnalysis({ api, log, upgradeId, put, metrics }) {
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
        assetId: null,
      },
    ],
  });
  const report = await ok(api.observer.GET('/upgrades/{upgradeId}/gates', { params: { path: { upgradeId } } }));
  for (const metric of report.analysis) log(`   analysis ${metric.name}: ${metric.judgement}`);
}
