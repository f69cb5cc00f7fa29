import { useExecutionService } from './execution-service.js';

/**
 * GET /executions/{upgradeId}: the execution as its events make it. Every answer is checked against
 * the OpenAPI document (test/support/contract-check.ts), so the reply's schema is held to what the
 * fold really returns at each stage: running with its evidence, then rolling back.
 */
describe('execution: reading an execution', () => {
  const service = useExecutionService();
  const { as, planReady, setNow, startedAndApplied } = service;

  it('answers the running execution with its evidence, then the rollback, in the documented shape', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('read');
    const none = await as('observer').get('/executions/read').expect(404);
    expect(none.body.detail).toBe('no execution has started for upgrade read');

    await startedAndApplied('read');
    const running = (await as('observer').get('/executions/read').expect(200)).body;
    expect(running).toMatchObject({
      status: 'Running',
      upgradeId: 'read',
      plan: { upgradeId: 'read' },
      steps: { 'pg-upgrade': 'completed' },
      applied: true,
      acceptance: 'open',
      pendingDecision: null,
      rollback: null,
    });
    expect(running.backups.nightly).toMatchObject({ verified: true, failed: null, taken: { evidence: 'recorded' } });
    expect(running.backups.nightly.restoreMs).toBeGreaterThan(0);
    expect(Object.keys(running.snapshots['before-apply'])).toEqual(['orders-db']);

    for (const [criterionId, outcome] of [
      ['starts', 'passed'],
      ['orders', 'failed'],
    ])
      await as('operator')
        .post('/executions/read/acceptance-checks')
        .send({ criterionId, outcome, evidence: 'checked' })
        .expect(200);
    const rollingBack = (await as('observer').get('/executions/read').expect(200)).body;
    expect(rollingBack).toMatchObject({
      status: 'RollingBack',
      checks: { starts: 'passed', orders: 'failed' },
      acceptance: 'failed',
      rollback: { trigger: 'acceptance-failure', upgradeId: 'read' },
    });
  });
});
