import { useExecutionService } from './execution-service.js';

/** A full execution with every event correlated and caused by the one before. */
describe('execution happy path', () => {
  const service = useExecutionService();
  const { as, backupVerified, planReady, ready, setNow, snapshotCaptured } = service;

  it('runs a full happy path to ExecutionCompleted, every event correlated by upgrade and caused by the one before', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('happy');
    await as('operator').post('/executions/happy/start').expect(201);
    await backupVerified('happy');
    await as('operator').post('/executions/happy/steps/pg-upgrade/start').expect(200);
    await as('operator')
      .post('/executions/happy/steps/pg-upgrade/complete')
      .send({
        outputSummary: 'done',
        durationSeconds: 600,
        configurationChanges: [{ assetId: 'orders-db', path: 'max_connections', before: 100, after: 200 }],
      })
      .expect(200);
    await snapshotCaptured('happy', 'before-apply');
    await as('operator').post('/executions/happy/apply').expect(200);
    await snapshotCaptured('happy', 'after-apply');
    for (const criterionId of ['starts', 'orders', 'report']) {
      await as('operator')
        .post('/executions/happy/acceptance-checks')
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(200);
    }
    await as('operator')
      .post('/executions/happy/log-review')
      .send({ findings: [{ severity: 'info', source: 'postgresql.log', message: 'clean' }] })
      .expect(200);
    await as('operator').post('/executions/happy/complete').expect(200);
    const events = await service.execution.store.readStream('execution-happy');
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'BackupTaken',
      'BackupVerified',
      'StepStarted',
      'StepCompleted',
      'ConfigurationSnapshotLinked',
      'UpgradeApplied',
      'ConfigurationSnapshotLinked',
      'AcceptanceCheckRecorded',
      'AcceptanceCheckRecorded',
      'AcceptancePassed',
      'AcceptanceCheckRecorded',
      'LogReviewRecorded',
      'ExecutionCompleted',
    ]);
    expect(events.every((e) => e.correlationId === 'happy')).toBe(true);
    expect(events[0]!.causationId).toBe(ready.get('happy')!.eventId);
    // Inventory's snapshots cause the links (reactions); every command over HTTP follows the event before it.
    const reactions = ['AcceptancePassed', 'ConfigurationSnapshotLinked'];
    for (const [i, e] of events.entries())
      if (i > 0 && !reactions.includes(e.type)) expect(e.causationId).toBe(events[i - 1]!.eventId);
    const firstCheck = events.find((e) => e.type === 'AcceptanceCheckRecorded')!;
    expect(events.find((e) => e.type === 'AcceptancePassed')!.causationId).toBe(firstCheck.eventId);
  });
});
