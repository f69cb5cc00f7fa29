import { toKafkaRecord } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import type { PlannedRollout } from '../../apps/execution/src/domain/execution.commands.js';
import { baselines } from '../support/fixtures/execution.js';
import { holdAndCancel, pilotWave, replicaWave, rolloutPlan } from '../support/fixtures/rollout.js';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/**
 * A staged rollout run through execution's API (issue 18, ADR 37): the pilot (orders-db, 20:00–23:00,
 * bakes 60 min, promoted by an approver), then the replica wave (orders-replica, 23:00–02:00).
 */
describe('execution of waves', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, snapshotCaptured, types } = service;
  const rollout: PlannedRollout = { waves: [pilotWave, replicaWave], onRegression: holdAndCancel };
  const bothBaselines = { baselines: [...baselines, { ...baselines[0]!, assetId: 'orders-replica' }] };
  const { targets, backups } = rolloutPlan;

  const check = (upgradeId: string, criterionId: string) =>
    as('operator')
      .post(`/executions/${upgradeId}/acceptance-checks`)
      .send({ criterionId, outcome: 'passed', evidence: 'ok' })
      .expect(200);
  const promote = (upgradeId: string, role: 'approver' | 'operator' = 'approver') =>
    as(role).post(`/executions/${upgradeId}/waves/replica/promote`);

  /** Ready at 20:10, started, the pilot's backup verified, applied to orders-db and accepted. */
  async function pilotAccepted(upgradeId: string, waves = rollout) {
    setNow('2027-01-16T20:10:00Z');
    await planReady(upgradeId, { targets, backups }, bothBaselines, waves);
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await service.backupVerified(upgradeId);
    await runbook(upgradeId);
    await snapshotCaptured(upgradeId, 'before-apply');
    await as('operator').post(`/executions/${upgradeId}/apply`).expect(200);
    await check(upgradeId, 'starts');
    await check(upgradeId, 'orders');
  }

  /** The runbook's one step, done for the running wave. */
  async function runbook(upgradeId: string) {
    await as('operator').post(`/executions/${upgradeId}/steps/pg-upgrade/start`).expect(200);
    await as('operator')
      .post(`/executions/${upgradeId}/steps/pg-upgrade/complete`)
      .send({ outputSummary: 'done', durationSeconds: 60 })
      .expect(200);
  }

  /** Promoted at 23:50 by an approver; the replica's backup verified, its runbook done, applied to orders-replica. */
  async function replicaApplied(upgradeId: string) {
    setNow('2027-01-16T23:50:00Z');
    await promote(upgradeId).expect(200);
    await service.backupVerified(upgradeId, true, 4, 'replica-nightly');
    await snapshotCaptured(upgradeId, 'before-apply', 'orders-replica');
    // The runbook is done again for each wave: without it the apply is refused.
    const early = await as('operator').post(`/executions/${upgradeId}/apply`).expect(422);
    expect(early.body.gates[0]).toMatchObject({ gate: 'runbook-finished' });
    await runbook(upgradeId);
    await as('operator').post(`/executions/${upgradeId}/apply`).expect(200);
  }

  it('refuses a promotion before the pilot baked, and one in a freeze declared mid-rollout', async () => {
    await pilotAccepted('waves-gates');
    expect((await types('waves-gates')).slice(-2)).toEqual(['AcceptanceCheckRecorded', 'WaveAccepted']);
    const early = await promote('waves-gates').expect(422);
    expect(early.body.gates[0]).toMatchObject({ gate: 'bake-time' });
    expect(early.body.detail).toMatch(/wave replica cannot start: wave pilot baked until 2027-01-16T21:\d\d:00.000Z/);

    await sendRaw(service.execution.topic('planning'), [
      toKafkaRecord(
        envelope('ChangeFreezeDeclared', 'planning', 'calendar-mid-rollout', {
          freezeId: 'mid-rollout',
          kind: 'freeze',
          name: 'payroll freeze',
          startsAt: '2027-01-16T23:20:00Z',
          endsAt: '2027-01-16T23:45:00Z',
          scope: { all: true, assetIds: [], sites: [] },
          reason: 'payroll run',
        }),
      ),
    ]);
    const data = service.execution.app.get(DataSource);
    await eventually(
      async () => (await data.query("SELECT 1 FROM freezes WHERE freeze_id = 'mid-rollout'")).length === 1,
      30_000,
      'the freeze heard',
    );
    setNow('2027-01-16T23:30:00Z');
    const frozen = await promote('waves-gates').expect(422);
    expect(frozen.body.gates.map((g: { gate: string }) => g.gate)).toEqual(['change-freeze']);
    expect(frozen.body.detail).toBe('wave replica cannot start: no active freeze: "payroll freeze" (mid-rollout)');

    setNow('2027-01-16T23:50:00Z');
    const operator = await promote('waves-gates', 'operator').expect(403);
    expect(operator.body.detail).toBe('wave pilot is promoted by an approver (the plan says promotion: approval)');
    expect(await types('waves-gates')).not.toContain('WavePromoted');
  });

  it('runs the waves one after the other to completion: promoted, applied, accepted, completed', async () => {
    await pilotAccepted('waves-happy');
    await replicaApplied('waves-happy');
    await check('waves-happy', 'starts');
    await check('waves-happy', 'orders');
    const stream = await service.execution.store.readStream('execution-waves-happy');
    const applied = stream.filter((e) => e.type === 'UpgradeApplied').map((e) => e.payload);
    expect(applied).toMatchObject([
      { installed: [{ assetId: 'orders-db', version: '16.2' }] },
      { installed: [{ assetId: 'orders-replica', version: '16.2' }] },
    ]);
    expect(stream.find((e) => e.type === 'WavePromoted')!.payload).toMatchObject({
      from: 'pilot',
      to: 'replica',
      promotedBy: 'bob', // the approver's principal
    });
    expect(stream.slice(-2).map((e) => e.type)).toEqual(['WaveAccepted', 'AcceptancePassed']);
    await snapshotCaptured('waves-happy', 'after-apply');
    await snapshotCaptured('waves-happy', 'after-apply', 'orders-replica');
    await as('operator').post('/executions/waves-happy/complete').expect(200);
    const view = await as('auditor').get('/executions/waves-happy').expect(200);
    expect(view.body.status).toBe('Completed');
    expect(view.body.rollout.progress).toMatchObject({
      pilot: { status: 'promoted' },
      replica: { status: 'accepted' },
    });
  });

  it("rolls back the replica wave that regressed, holds the pilot, and restores only the replica's target", async () => {
    await pilotAccepted('waves-regress');
    await replicaApplied('waves-regress');
    setNow('2027-01-17T00:10:00Z');
    await sendRaw(service.execution.topic('monitoring'), [
      toKafkaRecord(
        envelope('RegressionDetected', 'monitoring', 'waves-regress', {
          upgradeId: 'waves-regress',
          assetId: 'orders-replica',
          metric: 'error_rate',
          triggerId: null,
          baseline: 0.01,
          observed: 0.05,
          threshold: 0.02,
          windowFrom: '2027-01-17T00:05:00Z',
          windowTo: '2027-01-17T00:10:00Z',
        }),
      ),
    ]);
    await eventually(async () => (await types('waves-regress')).includes('RollbackTriggered'), 30_000, 'the rollback');
    const stream = await service.execution.store.readStream('execution-waves-regress');
    expect(stream.slice(-3).map((e) => [e.type, (e.payload as { wave?: string }).wave])).toEqual([
      ['RollbackTriggered', undefined],
      ['WaveHeld', 'pilot'],
      ['WaveRolledBack', 'replica'],
    ]);
    const done = await as('operator')
      .post('/executions/waves-regress/rollback/complete')
      .send({ dataLossExposure: 'none' })
      .expect(200);
    expect(done.body.events).toEqual(['RollbackCompleted']);
    const [completed] = (await service.execution.store.readStream('execution-waves-regress')).slice(-1);
    expect(completed!.payload).toMatchObject({ restored: [{ assetId: 'orders-replica', version: '15.6' }] });
  });

  it('promotes an automatic wave by itself once its bake is over and the next window is open', async () => {
    await pilotAccepted('waves-auto', { ...rollout, waves: [{ ...pilotWave, promotion: 'automatic' }, replicaWave] });
    setNow('2027-01-16T23:05:00Z');
    await eventually(async () => (await types('waves-auto')).includes('WavePromoted'), 30_000, 'the promotion');
    const promoted = (await service.execution.store.readStream('execution-waves-auto')).filter(
      (e) => e.type === 'WavePromoted',
    );
    expect(promoted).toHaveLength(1);
    expect(promoted[0]!.payload).toMatchObject({ from: 'pilot', to: 'replica', promotedBy: 'execution-service' });
  });
});
