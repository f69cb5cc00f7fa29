import { withoutEvents } from '../support/problems.js';
import { useExecutionService } from './execution-service.js';

/** The first restore of this data is measured in the window: it must fit the time kept for the rollback. */
describe('execution: a measured restore longer than the rollback time', () => {
  const service = useExecutionService();
  const { as, backupVerified, planReady, setNow, snapshotCaptured } = service;

  it('refuses to apply, naming the backup, the time kept and the time measured, and writes nothing', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('slow-restore');
    await as('operator').post('/executions/slow-restore/start').expect(201);
    // The fixture plan keeps 90 min for the rollback (decision deadline 00:30, window end 02:00).
    await backupVerified('slow-restore', true, 120);
    await as('operator').post('/executions/slow-restore/steps/pg-upgrade/start').expect(200);
    await as('operator')
      .post('/executions/slow-restore/steps/pg-upgrade/complete')
      .send({ outputSummary: 'done', durationSeconds: 60 })
      .expect(200);
    await snapshotCaptured('slow-restore', 'before-apply');
    const refused = await withoutEvents(service.execution, () => as('operator').post('/executions/slow-restore/apply'));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toBe(
      'the upgrade cannot be applied: a measured restore does not fit the time kept for the rollback',
    );
    expect(refused.body.gates[0]).toMatchObject({
      gate: 'rollback-fits-window',
      missing: [
        "a restore of backup nightly within the 90 min from the rollback decision deadline 2027-01-17T00:30:00.000Z to the window's end (it measured 120 min)",
      ],
    });
  });
});
