// One realistic upgrade, through the public APIs only: PostgreSQL 15 → 16 at two sites.
import { call, follow, services, sleep, until } from './client.mjs';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutesFromNow = (m) => new Date(Date.now() + m * 60_000).toISOString();

/**
 * Steps 1–4: inventory, two plans through every gate, a freeze that pushes the window, baselines.
 * Returns when both upgrades are ready for execution in a window opening `windowLeadSeconds` from now.
 */
export async function prepareUpgrades({ urls, log, tag, monitoringMinutes, windowLeadSeconds }) {
  const { inventory, planning, monitoring } = urls;
  const id = (name) => `${name}-${tag}`;
  const upgrades = { berlin: id('pg16-berlin'), hamburg: id('pg16-hamburg') };
  // Peak periods on a weekday three days out, so the window below is clear of them.
  const peakDay = DAYS[(new Date().getUTCDay() + 3) % 7];
  const peak = { name: 'order peak', days: [peakDay], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' };

  log('1. Inventory: two PostgreSQL sites and a reporting tool that reads from Berlin');
  const asset = (assetId, over) =>
    call(`${inventory}/assets`, {
      method: 'POST',
      role: 'planner',
      body: {
        assetId,
        kind: 'database',
        product: 'postgresql',
        node: 'db-1',
        criticality: 'high',
        owner: 'dba-team',
        businessProcesses: ['order-to-cash'],
        userGroups: ['sales'],
        peakPeriods: [peak],
        ...over,
      },
    });
  await asset(id('pg-berlin'), { name: 'Orders DB Berlin', version: '15.6', site: 'berlin' });
  await asset(id('pg-hamburg'), { name: 'Orders DB Hamburg', version: '15.4', site: 'hamburg' });
  await asset(id('reportly-berlin'), {
    name: 'Reportly Berlin',
    kind: 'application',
    product: `reportly-${tag}`,
    version: '4.2',
    site: 'berlin',
    criticality: 'medium',
    owner: 'bi-team',
    businessProcesses: ['monthly-reporting'],
    userGroups: ['finance'],
  });
  await call(`${inventory}/assets/${id('reportly-berlin')}/dependencies`, {
    method: 'POST',
    role: 'planner',
    body: { dependsOnAssetId: id('pg-berlin'), relation: 'reports-from' },
  });
  await call(`${inventory}/compatibility/rules`, {
    method: 'POST',
    role: 'planner',
    body: {
      ruleId: id('reportly-4-pg'),
      product: `reportly-${tag}`,
      versionRange: '4.x',
      requiresProduct: 'postgresql',
      requiresRange: '>=12 <16',
      source: { kind: 'vendor-note', reference: 'Reportly 4 release notes' },
      reason: 'its JDBC driver predates PostgreSQL 16',
    },
  });
  await call(`${inventory}/compatibility/rules`, {
    method: 'POST',
    role: 'planner',
    body: {
      ruleId: id('reportly-5-pg'),
      product: `reportly-${tag}`,
      versionRange: '>=5',
      requiresProduct: 'postgresql',
      requiresRange: '>=14',
      source: { kind: 'test', reference: 'pilot run' },
    },
  });
  const drift = (await call(`${inventory}/products/postgresql/drift`)).body;
  log(`   version drift for postgresql: ${drift.sites.map((s) => `${s.site} ${s.versions.join('/')}`).join(', ')}`);

  log('2. Planning: one plan per site, every gate of the rule book');
  for (const [site, upgradeId] of Object.entries(upgrades)) {
    const db = id(`pg-${site}`);
    await until('planning to know the inventory', () =>
      call(`${planning}/upgrades`, {
        method: 'POST',
        role: 'planner',
        body: {
          upgradeId,
          title: `PostgreSQL 16 for orders (${site})`,
          category: 'end-of-support',
          purpose: 'replace PostgreSQL 15 before its end of support',
          targets: [{ assetId: db, toVersion: '16.2' }],
        },
      }),
    );
    const post = (path, body, role = 'planner') =>
      call(`${planning}/upgrades/${upgradeId}/${path}`, { method: 'POST', role, body });
    const put = (path, body) =>
      call(`${planning}/upgrades/${upgradeId}/${path}`, { method: 'PUT', role: 'planner', body });
    await post('impact', {});
    // Rules reach planning through Kafka on their own keys, possibly after the assets: assess
    // again until the Berlin plan (whose database Reportly reports from) is judged by them.
    const { body: compatibility } = await until('planning to know the compatibility rules', async () => {
      const assessment = await post('compatibility', {});
      const judged = site !== 'berlin' || assessment.body.findings.some((f) => f.ruleId === id('reportly-4-pg'));
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
      decisionOwner: 'dora',
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
    await post('submit', {});
    await post('approvals', { comment: 'rollback rehearsed, window fits' }, 'approver');
  }

  log('3. The change calendar: a freeze pushes the first-choice window');
  await call(`${planning}/calendar/freezes`, {
    method: 'POST',
    role: 'approver',
    body: {
      freezeId: id('freeze'),
      kind: 'freeze',
      name: 'year-end closing',
      startsAt: minutesFromNow(24 * 60),
      endsAt: minutesFromNow(48 * 60),
      scope: { all: false, sites: ['berlin', 'hamburg'] },
      reason: 'financial closing',
    },
  });
  const estimates = {
    preparation: 10,
    finalBackup: 10,
    upgrade: 20,
    verification: 15,
    repairBuffer: 10,
    rollbackDecision: 5,
    rollbackExecution: 20,
  };
  const refused = await call(`${planning}/upgrades/${upgrades.berlin}/window`, {
    method: 'PUT',
    role: 'planner',
    body: { startsAt: minutesFromNow(26 * 60), endsAt: minutesFromNow(28 * 60), estimates },
    expect: [422],
  });
  log(`   first choice refused: ${refused.body.detail}`);
  const window = {
    startsAt: new Date(Date.now() + windowLeadSeconds * 1000).toISOString(),
    endsAt: minutesFromNow(125),
  };
  for (const upgradeId of Object.values(upgrades)) {
    await call(`${planning}/upgrades/${upgradeId}/window`, {
      method: 'PUT',
      role: 'planner',
      body: { ...window, estimates },
    });
    await call(`${planning}/upgrades/${upgradeId}/notices`, {
      method: 'POST',
      role: 'planner',
      body: {
        phase: 'before',
        userGroups: ['sales', 'finance'],
        channel: 'email',
        sentAt: minutesFromNow(-6 * 24 * 60),
        message: {
          expectedTime: window.startsAt,
          serviceImpact: 'order entry paused',
          contact: 'ops desk',
          avoid: 'do not start month-end reports',
        },
      },
    });
    await call(`${planning}/upgrades/${upgradeId}/ready`, { method: 'POST', role: 'planner' });
  }
  log(`   both ready for execution in the window ${window.startsAt} – ${window.endsAt}`);

  log('4. Baselines before the upgrade');
  const now = Date.now();
  for (const site of Object.keys(upgrades)) {
    const samples = Array.from({ length: 30 }, (_, i) => ({
      assetId: id(`pg-${site}`),
      metric: 'error_rate',
      timestamp: new Date(now - (31 - i) * 60_000).toISOString(),
      value: 0.01,
    }));
    await call(`${monitoring}/metrics`, { method: 'POST', role: 'observer', body: { samples } });
    await call(`${monitoring}/monitoring/${upgrades[site]}/baselines`, {
      method: 'POST',
      role: 'observer',
      body: {
        assetId: id(`pg-${site}`),
        from: new Date(now - 40 * 60_000).toISOString(),
        to: new Date(now).toISOString(),
      },
    });
  }

  return { upgrades, window, id };
}

/**
 * Runs a ready upgrade's backups, steps, apply and acceptance checks through the execution API.
 * @param {string} executionUrl
 * @param {string} upgradeId
 * @param {{ site: string, tag: string, outcome?: (criterionId: string) => string, verification?: (backupId: string) => boolean }} options
 */
export async function execute(
  executionUrl,
  upgradeId,
  { site, tag, outcome = () => 'passed', verification = () => true },
) {
  const x = (path, body, role = 'operator') =>
    call(`${executionUrl}/executions/${upgradeId}/${path}`, { method: 'POST', role, body });
  await until('execution to know the ready plan', () => x('start', {}));
  const plan = (await call(`${executionUrl}/executions/${upgradeId}`)).body.plan;
  for (const backup of plan.backups) {
    await x(`backups/${backup.backupId}/taken`, {
      what: backup.scope,
      method: 'pg_basebackup',
      location: `s3://backups/${site}`,
      sizeBytes: 52_428_800,
      checksum: `sha256:${backup.backupId}-${tag}`,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    });
    await x(`backups/${backup.backupId}/verification`, {
      checksum: `sha256:${backup.backupId}-${tag}`,
      restoreTest: { target: 'restore host', durationSeconds: 540, succeeded: verification(backup.backupId) },
    });
  }
  for (const step of plan.steps) {
    await x(`steps/${step.stepId}/start`, {});
    await x(`steps/${step.stepId}/complete`, {
      outputSummary: 'ok',
      durationSeconds: 300,
      configurationChanges:
        step.stepId === 'pg-upgrade'
          ? [{ assetId: plan.targets[0].assetId, path: 'password_encryption', before: 'md5', after: 'scram-sha-256' }]
          : [],
    });
  }
  await x('apply', {});
  for (const criterionId of ['starts', 'orders', 'logs']) {
    const { body } = await x('acceptance-checks', {
      criterionId,
      outcome: outcome(criterionId),
      evidence: 'checked by the operator',
    });
    if (body.events.includes('AcceptanceFailed')) return 'failed';
  }
  await x('complete', {});
  return 'passed';
}

export async function runDemo({
  urls = services(),
  log = console.log,
  tag = Date.now().toString(36),
  monitoringMinutes = 2,
  windowLeadSeconds = 40,
} = {}) {
  const { inventory, planning, execution, monitoring } = urls;
  const id = (name) => `${name}-${tag}`;
  const upgrades = { berlin: id('pg16-berlin'), hamburg: id('pg16-hamburg') };
  const stopFollowing = follow(
    monitoring,
    (e) => log(`  ⤷ ${e.producer.padEnd(10)} ${e.type}${e.payload.reason ? ` — ${e.payload.reason}` : ''}`),
    { upgradeIds: new Set(Object.values(upgrades)) },
  );
  try {
    const { window } = await prepareUpgrades({ urls, log, tag, monitoringMinutes, windowLeadSeconds });
    log('5. Execution inside the window');
    await sleep(Math.max(0, Date.parse(window.startsAt) - Date.now() + 500));
    for (const [site, upgradeId] of Object.entries(upgrades)) await execute(execution, upgradeId, { site, tag });

    log(`6. Monitoring for ${monitoringMinutes} minutes: Hamburg regresses, Berlin stays healthy`);
    const monitoringEnds = Date.now() + monitoringMinutes * 60_000 + 20_000;
    let rolledBack = false;
    while (Date.now() < monitoringEnds || !rolledBack) {
      if (Date.now() > monitoringEnds + 180_000) throw new Error('Hamburg’s regression never led to a rollback');
      const ts = new Date().toISOString();
      await call(`${monitoring}/metrics`, {
        method: 'POST',
        role: 'observer',
        body: {
          samples: [
            { assetId: id('pg-berlin'), metric: 'error_rate', timestamp: ts, value: 0.01 },
            { assetId: id('pg-hamburg'), metric: 'error_rate', timestamp: ts, value: rolledBack ? 0.01 : 0.3 },
          ],
        },
      });
      const hamburg = (await call(`${execution}/executions/${upgrades.hamburg}`)).body;
      if (hamburg.status === 'RollingBack') {
        await call(`${execution}/executions/${upgrades.hamburg}/rollback/complete`, {
          method: 'POST',
          role: 'operator',
          body: { dataLossExposure: 'none: writes were paused during the restore' },
        });
        rolledBack = true;
      }
      await sleep(5000);
    }
    const closed = await until(
      'Berlin to close',
      async () => (await call(`${planning}/upgrades/${upgrades.berlin}`)).body.status === 'Closed' || undefined,
      { timeoutMs: 180_000, everyMs: 2000 },
    );
    await call(`${planning}/upgrades/${upgrades.berlin}/notices`, {
      method: 'POST',
      role: 'planner',
      body: {
        phase: 'after',
        userGroups: ['sales', 'finance'],
        channel: 'email',
        message: { availableAgain: true, changes: 'PostgreSQL 16, Reportly 5', knownIssues: 'none' },
      },
    });
    const versions = (await call(`${inventory}/assets?product=postgresql&pageSize=500`)).body.items.filter((a) =>
      Object.keys(upgrades).some((s) => a.assetId === id(`pg-${s}`)),
    );
    log(`   inventory now: ${versions.map((a) => `${a.site} ${a.version}`).join(', ')} (closed: ${closed})`);

    await until(
      'the compiled record',
      async () =>
        (await call(`${monitoring}/audit/upgrades/${upgrades.berlin}/events`, { role: 'auditor' })).body.some(
          (e) => e.type === 'UpgradeRecordCompiled',
        ) || undefined,
      { timeoutMs: 60_000, everyMs: 1000 },
    );
    const record = (
      await call(`${monitoring}/records/${upgrades.berlin}`, { role: 'auditor', accept: 'text/markdown' })
    ).body;
    const verify = {};
    for (const upgradeId of Object.values(upgrades))
      verify[upgradeId] = (await call(`${monitoring}/audit/verify?upgradeId=${upgradeId}`, { role: 'auditor' })).body;
    const everything = (await call(`${monitoring}/audit/verify`, { role: 'auditor' })).body;
    return { upgrades, record, verify, everything };
  } finally {
    stopFollowing();
  }
}
