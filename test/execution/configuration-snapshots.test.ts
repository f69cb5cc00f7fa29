import { withoutEvents } from '../support/problems.js';
import { useExecutionService } from './execution-service.js';

/** Configuration recorded around apply: a snapshot of each target after the start and before apply, another after apply. */
describe('execution: configuration snapshots around apply', () => {
  const service = useExecutionService();
  const { as, advance, backupVerified, planReady, setNow, snapshotCaptured, types } = service;

  /** Started, backup verified, the runbook done: only the configuration stands between it and apply. */
  async function runbookDone(upgradeId: string) {
    setNow('2027-01-16T20:10:00Z');
    await planReady(upgradeId);
    await as('operator').post(`/executions/${upgradeId}/start`).expect(201);
    await backupVerified(upgradeId);
    await as('operator').post(`/executions/${upgradeId}/steps/pg-upgrade/start`).expect(200);
    await as('operator')
      .post(`/executions/${upgradeId}/steps/pg-upgrade/complete`)
      .send({ outputSummary: 'done', durationSeconds: 60 })
      .expect(200);
  }

  it('refuses to apply until a target has a snapshot captured after the start, naming it and the endpoint', async () => {
    await runbookDone('before');
    const refused = await withoutEvents(service.execution, () => as('operator').post('/executions/before/apply'));
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe(
      'the upgrade cannot be applied before every target has its before-apply configuration snapshot: orders-db',
    );
    expect(refused.body.gates[0]).toMatchObject({
      gate: 'configuration-snapshot-before-apply',
      missing: ['a configuration snapshot of orders-db captured after the execution started and before apply'],
      fix: expect.stringContaining('POST /assets/{assetId}/snapshots in inventory with forUpgrade'),
    });
    await snapshotCaptured('before', 'before-apply');
    await as('operator').post('/executions/before/apply').expect(200);
    expect((await types('before')).slice(-2)).toEqual(['ConfigurationSnapshotLinked', 'UpgradeApplied']);
  });

  it('does not count an after-apply snapshot captured before apply', async () => {
    await runbookDone('early-after');
    await snapshotCaptured('early-after', 'before-apply');
    await snapshotCaptured('early-after', 'after-apply');
    expect(await types('early-after')).not.toContain('UpgradeApplied');
    expect((await types('early-after')).filter((t) => t === 'ConfigurationSnapshotLinked')).toHaveLength(1);
  });

  it('refuses to complete until a target has a snapshot captured after apply', async () => {
    await runbookDone('after');
    await snapshotCaptured('after', 'before-apply');
    await as('operator').post('/executions/after/apply').expect(200);
    for (const criterionId of ['starts', 'orders'])
      await as('operator')
        .post('/executions/after/acceptance-checks')
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(200);
    const refused = await withoutEvents(service.execution, () => as('operator').post('/executions/after/complete'));
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe(
      'the upgrade cannot be completed before every target has its after-apply configuration snapshot: orders-db',
    );
    advance(1);
    await snapshotCaptured('after', 'after-apply');
    await as('operator').post('/executions/after/complete').expect(200);
    expect((await types('after')).slice(-2)).toEqual(['ConfigurationSnapshotLinked', 'ExecutionCompleted']);
  });
});
