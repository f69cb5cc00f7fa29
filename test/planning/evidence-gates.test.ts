import { windowEstimates } from '../support/fixtures/upgrade-plan.js';
import { eventually } from '../support/environment.js';
import { withoutEvents } from '../support/problems.js';
import {
  approvedPlan,
  gatePasses,
  notice,
  report,
  saturdayNight,
  startPlanning,
  type PlanningSystem,
} from './support/plan-over-http.js';

// Gates on what monitoring and execution observed: the monitoring period's policy minimum, the
// latest measured restore in the window's size, a baseline for each trigger metric before the window.

describe('planning: gates on observed evidence', () => {
  let system: PlanningSystem;
  const as = (role: 'planner' | 'auditor') => system.planning.as(role);
  const gate = async (upgradeId: string, name: string) =>
    (await as('auditor').get(`/upgrades/${upgradeId}/gates`).expect(200)).body.gates.find(
      (g: { gate: string }) => g.gate === name,
    );
  /** The approved plan in its Saturday-night window (360 min, 225 before the rollback), users told. */
  const scheduled = async (upgradeId: string, assetId: string, triggers: Record<string, unknown>[] = []) => {
    await approvedPlan(system.planning, upgradeId, assetId, { triggers });
    await as('planner')
      .put(`/upgrades/${upgradeId}/window`)
      .send({ ...saturdayNight, estimates: windowEstimates })
      .expect(200);
    await as('planner').post(`/upgrades/${upgradeId}/notices`).send(notice('before')).expect(200);
    // Users count as told once their endpoint got the notice (ADR 13).
    await gatePasses(system.planning, upgradeId, 'communication');
  };

  beforeAll(async () => {
    system = await startPlanning(['period-db', 'restore-db', 'watched-db']);
  }, 90_000);
  afterAll(() => system.close());

  it('refuses a monitoring period below the policy minimum for the criticality, and writes nothing', async () => {
    await approvedPlan(system.planning, 'period-1', 'period-db');
    const refused = await withoutEvents(system.planning, () =>
      as('planner')
        .put('/upgrades/period-1/monitoring-period')
        .send({ minutes: 30, reason: 'a quick look' })
        .expect(400)
        .expect('content-type', /problem\+json/),
    );
    expect(refused.body.detail).toBe(
      'the monitoring period must be at least 240 min for an upgrade of medium criticality, not 30',
    );
    expect(refused.body.errors[0]).toMatchObject({ field: 'minutes', rule: 'policy-minimum' });
    expect(await gate('period-1', 'monitoring-period')).toMatchObject({ status: 'passed', missing: [] });
  });

  it('sizes the window on the latest restore execution measured, and refuses readiness when it no longer fits', async () => {
    await scheduled('restore-1', 'restore-db');
    const backupId = (await as('auditor').get('/upgrades/restore-1').expect(200)).body.backups[0].backupId;
    const [startedAt, finishedAt] = ['2027-01-10T10:00:00.000Z', '2027-01-10T12:30:00.000Z'];
    const verified = {
      evidence: 'measured',
      backupId,
      verifiedBy: { id: 'backup-agent', role: 'agent' },
      verifiedAt: finishedAt,
      checksum: { algorithm: 'sha256', digest: 'a'.repeat(64) },
      sizeBytes: 4096,
      restore: { target: 'scratch', startedAt, finishedAt, durationMs: 150 * 60_000, objectsChecked: 12 },
    };
    await report(system.planning, 'execution', 'BackupVerified', 'restore-1', verified, 2);
    await eventually(
      async () => (await gate('restore-1', 'maintenance-window')).status === 'failed',
      30_000,
      'the measured restore in the window check',
    );
    expect((await gate('restore-1', 'maintenance-window')).missing).toEqual([
      `15 more minutes: the window is 360 min, but preparation 30 + final backup 45 + upgrade 60 + verification 45 + repair buffer 30 + rollback decision 15 + rollback 150 = 375 min (rollback: the largest of window estimate 90, rollback plan 60, rehearsal 75, restore of ${backupId} 40, latest measured restore of ${backupId} 150)`,
    ]);
    const refused = await as('planner').post('/upgrades/restore-1/ready').expect(422);
    expect(refused.body.detail).toBe('the upgrade is not ready for execution: maintenance-window not met');
    const stream = await system.planning.store.readStream('upgrade-restore-1');
    expect(stream.filter((e) => e.type === 'RestoreMeasured')).toHaveLength(1);
  });

  it('refuses readiness until each trigger metric has a baseline from before the window', async () => {
    const errorRate = { kind: 'metric-threshold', mode: 'automatic', metric: 'error_rate', threshold: 0.05 };
    await scheduled('watched-1', 'watched-db', [errorRate]);
    const refused = await as('planner').post('/upgrades/watched-1/ready').expect(422);
    expect(refused.body.detail).toBe('the upgrade is not ready for execution: monitoring-baseline not met');
    expect(await gate('watched-1', 'monitoring-baseline')).toMatchObject({
      status: 'failed',
      missing: [`a baseline of watched-db error_rate captured before the window opening ${saturdayNight.startsAt}`],
      fix: 'in monitoring: POST /metrics with samples from before the window, then POST /monitoring/{id}/baselines (assetId, from, to before the window)',
    });

    const stats = { mean: 0.01, p95: 0.02, max: 0.03, samples: 30 };
    await report(system.planning, 'monitoring', 'BaselineCaptured', 'watched-1', {
      assetId: 'watched-db',
      from: '2027-01-16T18:00:00.000Z',
      to: '2027-01-16T19:00:00.000Z',
      metrics: { error_rate: stats },
    });
    await eventually(
      async () => (await gate('watched-1', 'monitoring-baseline')).status === 'passed',
      30_000,
      'the baseline in the gate',
    );
    await as('planner').post('/upgrades/watched-1/ready').expect(200);
  });
});
