import { toKafkaRecord } from '@upgrade-control/contracts';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/** When execution rolls back: failed acceptance, the decision deadline, and regressions by trigger mode. */
describe('execution rollback', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, startedAndApplied, types } = service;

  it('enforces core checks first and rolls back automatically when acceptance fails', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('failing');
    await startedAndApplied('failing');
    const early = await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'report', outcome: 'passed', evidence: 'renders' })
      .expect(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'criterionId', rule: 'core-first' });
    await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'starts', outcome: 'passed', evidence: 'up' })
      .expect(200);
    await as('operator')
      .post('/executions/failing/acceptance-checks')
      .send({ criterionId: 'orders', outcome: 'failed', evidence: 'commit hangs' })
      .expect(200);
    expect((await types('failing')).slice(-3)).toEqual([
      'AcceptanceCheckRecorded',
      'AcceptanceFailed',
      'RollbackTriggered',
    ]);
  });

  it('rolls back exactly once when the decision deadline passes, with two instances running', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('deadline');
    await startedAndApplied('deadline');
    setNow('2027-01-17T00:31:00Z');
    await eventually(async () => (await types('deadline')).includes('RollbackTriggered'), 30_000, 'the watchdog');
    await new Promise((r) => setTimeout(r, 1000)); // both watchdogs have ticked several times since
    expect((await types('deadline')).filter((t) => t === 'RollbackTriggered')).toHaveLength(1);
  });

  it('reacts to RegressionDetected by trigger mode: roll back, ask then apply the default, or only record', async () => {
    setNow('2027-01-16T20:10:00Z');
    for (const id of ['reg-auto', 'reg-confirm', 'reg-dry']) {
      await planReady(id);
      await startedAndApplied(id);
      await as('operator')
        .post(`/executions/${id}/acceptance-checks`)
        .send({ criterionId: 'starts', outcome: 'passed', evidence: 'up' })
        .expect(200);
      await as('operator')
        .post(`/executions/${id}/acceptance-checks`)
        .send({ criterionId: 'orders', outcome: 'passed', evidence: 'ok' })
        .expect(200);
    }
    setNow('2027-01-18T10:00:00Z');
    const regression = (upgradeId: string, metric: string) =>
      toKafkaRecord(
        envelope('RegressionDetected', 'monitoring', upgradeId, {
          upgradeId,
          assetId: 'orders-db',
          metric,
          triggerId: null,
          baseline: 0.01,
          observed: 0.05,
          threshold: 0.02,
          windowFrom: '2027-01-18T09:55:00Z',
          windowTo: '2027-01-18T10:00:00Z',
        }),
      );
    await sendRaw(service.execution.topic('monitoring'), [
      regression('reg-auto', 'error_rate'),
      regression('reg-confirm', 'response_time_p95'),
      regression('reg-dry', 'cpu'),
    ]);
    await eventually(async () => (await types('reg-auto')).includes('RollbackTriggered'), 30_000, 'automatic rollback');
    await eventually(
      async () => (await types('reg-confirm')).includes('RollbackDecisionRequested'),
      30_000,
      'a decision request',
    );
    await eventually(async () => (await types('reg-dry')).includes('RollbackDryRunRecorded'), 30_000, 'the dry run');
    expect(await types('reg-confirm')).not.toContain('RollbackTriggered');
    setNow('2027-01-18T10:16:00Z');
    await eventually(
      async () => (await types('reg-confirm')).includes('RollbackTriggered'),
      30_000,
      'the default after the decision deadline',
    );
    const [timeout] = (await service.execution.store.readStream('execution-reg-confirm')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(timeout!.payload).toMatchObject({ trigger: 'decision-timeout', triggerId: 'latency' });
    expect((await types('reg-dry')).filter((t) => t.startsWith('Rollback'))).toEqual(['RollbackDryRunRecorded']);
  });
});
