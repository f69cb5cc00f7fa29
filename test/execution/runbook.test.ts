import { plan } from '../support/fixtures/execution.js';
import { withoutEvents } from '../support/problems.js';
import { useExecutionService } from './execution-service.js';

/** The runbook before apply: every step completed or skipped by an approver; a failed step acts by its trigger mode. */
describe('execution: the runbook', () => {
  const service = useExecutionService();
  const { as, backupVerified, planReady, setNow, types } = service;

  async function verifiedBackup(upgradeId: string, changes = {}) {
    setNow('2027-01-16T20:10:00Z');
    await planReady(upgradeId, changes);
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await backupVerified(upgradeId);
  }

  it('refuses to apply while a step is not done, and applies after an approver skipped it', async () => {
    await verifiedBackup('skip');
    const refused = await withoutEvents(service.execution, () => as('operator').post('/executions/skip/apply'));
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe(
      'the upgrade cannot be applied before every runbook step is completed or skipped: pg-upgrade',
    );
    expect(refused.body.gates[0]).toMatchObject({
      gate: 'runbook-finished',
      missing: ['step pg-upgrade completed or skipped (it is not started)'],
    });
    const byOperator = await as('operator')
      .post('/executions/skip/steps/pg-upgrade/skip')
      .send({ reason: 'not needed' })
      .expect(403);
    expect(byOperator.body.detail).toBe('role operator may not do this; allowed: approver');
    await as('approver')
      .post('/executions/skip/steps/pg-upgrade/skip')
      .send({ reason: 'the vendor ran it already' })
      .expect(200);
    await service.snapshotCaptured('skip', 'before-apply');
    await as('operator').post('/executions/skip/apply').expect(200);
    expect((await types('skip')).slice(-3)).toEqual(['StepSkipped', 'ConfigurationSnapshotLinked', 'UpgradeApplied']);
  });

  it('refuses a skip without a reason', async () => {
    await verifiedBackup('no-reason');
    const response = await withoutEvents(service.execution, () =>
      as('approver').post('/executions/no-reason/steps/pg-upgrade/skip').send({ reason: ' ' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'reason', rule: 'isNotBlank' });
  });

  it('rolls back when a step fails and the acceptance-failure trigger is automatic', async () => {
    await verifiedBackup('step-fails');
    await as('operator').post('/executions/step-fails/steps/pg-upgrade/start').expect(200);
    await as('operator')
      .post('/executions/step-fails/steps/pg-upgrade/fail')
      .send({ error: 'pg_upgrade: incompatible extension', durationSeconds: 60 })
      .expect(200);
    expect((await types('step-fails')).slice(-2)).toEqual(['StepFailed', 'RollbackTriggered']);
  });

  it('asks the decision owner when a step fails and the trigger is confirm', async () => {
    const triggers = plan.rollback.triggers.map((t) =>
      t.kind === 'acceptance-failure' ? { ...t, mode: 'confirm' as const } : t,
    );
    await verifiedBackup('step-asks', { rollback: { ...plan.rollback, triggers } });
    await as('operator').post('/executions/step-asks/steps/pg-upgrade/start').expect(200);
    await as('operator')
      .post('/executions/step-asks/steps/pg-upgrade/fail')
      .send({ error: 'pg_upgrade: out of disk', durationSeconds: 60 })
      .expect(200);
    expect((await types('step-asks')).slice(-2)).toEqual(['StepFailed', 'RollbackDecisionRequested']);
    const [requested] = (await service.execution.store.readStream('execution-step-asks')).filter(
      (e) => e.type === 'RollbackDecisionRequested',
    );
    expect(requested!.payload).toMatchObject({
      triggerId: 'acceptance',
      decisionOwner: 'dora',
      reason: 'runbook step pg-upgrade failed: pg_upgrade: out of disk',
    });
  });
});
