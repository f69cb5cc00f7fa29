import autocannon from 'autocannon';
import pg from 'pg';
import { pool, report } from '../measure.mjs';
import { startService } from '../service.mjs';

// Enough that the approvals take seconds: over 1,500 (well under a second here) one pause of the
// database or the collector moved the figure from 1.08 to 0.58 of a registration between runs.
const PLANS = Number(process.env.BENCH_PLANS ?? 4000);
const ASSET = 'bench-db';
const keys = { planner: 'dev-planner', approver: 'dev-approver', operator: 'dev-operator' };

/**
 * Approving a submitted plan whose stream holds about 20 events, through planning's HTTP API, as a
 * ratio of register-asset measured earlier in the same run (ADR 36). Each plan is approved once.
 */
export async function approvePlanBench(registerAsset) {
  const inventory = await startService('inventory', 'plan_inventory', { topics: 'plans' });
  const planning = await startService('planning', 'plan_planning', { topics: 'plans' });
  try {
    await send(inventory.url, 'planner', 'POST', '/assets', {
      assetId: ASSET,
      name: ASSET,
      kind: 'database',
      product: 'postgresql',
      version: '15.6',
      site: 'berlin',
      node: 'db-1',
      criticality: 'medium',
      owner: 'ops',
      businessProcesses: ['order-to-cash'],
      userGroups: ['sales'],
      peakPeriods: [],
    });
    await planningSees(planning.databaseUrl);
    await send(planning.url, 'planner', 'POST', '/roster/shifts', {
      shiftId: 'bench-dba',
      role: 'dba',
      principal: 'oscar',
      startsAt: new Date().toISOString(),
      endsAt: '2099-01-01T00:00:00Z',
    });
    let events = 0;
    await pool(16, PLANS, async (i) => {
      const version = await submittedPlan(planning.url, `bench-${i}`);
      events += version;
    });
    let next = 0;
    // Timed from the start to the last answer: autocannon's own run lasts at least a second
    // (its ticker), so its start and finish capped the figure at about PLANS per second.
    const begun = performance.now();
    let answered = begun;
    const run = autocannon({
      url: planning.url,
      connections: 64,
      amount: PLANS,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.approver },
      requests: [
        { setupRequest: (request) => ({ ...request, path: `/upgrades/bench-${next++}/approvals`, body: '{}' }) },
      ],
    });
    run.on('response', () => (answered = performance.now()));
    const approvals = await run;
    const ok = approvals.non2xx === 0 && approvals.errors === 0;
    // Not autocannon's per-second average either: of so short a run it is the count divided by whole seconds.
    const rate = (approvals.requests.total * 1000) / (answered - begun);
    const ratio = rate / registerAsset;
    report(
      'command.approve-plan',
      rate,
      'commands/s',
      registerAsset,
      '≥ 0.7 of register-asset',
      ok && ratio >= 0.7,
      `${PLANS} plans of ${Math.round(events / PLANS)} events each before approval; ` +
        `p50 ${approvals.latency.p50} ms, p99 ${approvals.latency.p99} ms, non-2xx ${approvals.non2xx}`,
    );
  } finally {
    await planning.stop();
    await inventory.stop();
  }
}

/** One plan drafted with every pre-approval gate met and submitted: its stream's event count. */
async function submittedPlan(url, upgradeId) {
  const plan = (method, path, body, as = 'planner') => send(url, as, method, `/upgrades/${upgradeId}${path}`, body);
  await send(url, 'planner', 'POST', '/upgrades', {
    upgradeId,
    title: `${ASSET} to 16.2`,
    category: 'end-of-support',
    purpose: 'move to a supported release',
    targets: [{ assetId: ASSET, toVersion: '16.2' }],
  });
  await plan('POST', '/impact', {});
  await plan('POST', '/backups', {
    assetId: ASSET,
    scope: 'data-and-configuration',
    method: 'snapshot',
    location: 's3://backups',
    retentionDays: 30,
    restoreMethod: 'restore snapshot',
    expectedRestoreMinutes: 40,
  });
  await plan('PUT', '/rollback-plan', {
    decisionOwner: 'oscar',
    triggers: [{ kind: 'acceptance-failure', mode: 'automatic' }],
    steps: ['restore snapshot'],
    estimatedMinutes: 60,
    dataLossExposure: 'none',
    reversibility: 'reversible',
  });
  // Several rehearsals and test runs, as a plan gathers them: the stream reaches about 20 events.
  for (let run = 0; run < 5; run++) {
    await plan('POST', '/rollback-rehearsals', { outcome: 'succeeded', durationMinutes: 75 });
    await plan('POST', '/test-evidence', {
      environment: 'staging',
      representativeData: true,
      rolesCovered: ['clerk'],
      integrationsCovered: [],
      loadTested: false,
      outcome: 'passed',
      summary: `run ${run}`,
    });
  }
  await plan('PUT', '/acceptance-criteria', {
    criteria: [{ order: 1, kind: 'startup', core: true, description: 'starts', passCondition: 'connects' }],
  });
  await plan('PUT', '/runbook', { steps: [{ order: 1, description: 'upgrade' }] });
  await plan('POST', '/rollback-plan/decision-owner', { accept: true }, 'operator');
  await plan('PUT', '/support-roles', { roles: ['dba'] });
  return (await plan('POST', '/submit', undefined)).streamVersion;
}

async function send(url, as, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': keys[as] },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** Planning learns assets from inventory's topic: wait until it has the bench's asset. */
async function planningSees(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let tries = 0; tries < 600; tries++) {
      const { rows } = await client.query('SELECT 1 FROM inventory_assets WHERE asset_id = $1', [ASSET]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('planning did not hear of the bench asset from inventory within 30 s');
  } finally {
    await client.end();
  }
}
