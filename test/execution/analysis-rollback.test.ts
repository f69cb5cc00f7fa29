import { toKafkaRecord } from '@upgrade-control/contracts';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/** Execution hears monitoring's AnalysisConcluded (ADR 32) and acts by the action it names. */
describe('execution reacts to a concluded metric analysis', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, startedAndApplied, types } = service;

  it('rolls back on rollback, asks the decision owner on pause, records record-only, ignores a pass', async () => {
    setNow('2027-01-16T20:10:00Z');
    const ids = ['an-rollback', 'an-pause', 'an-record'];
    for (const id of ids) {
      await planReady(id);
      await startedAndApplied(id);
      for (const criterionId of ['starts', 'orders'])
        await as('operator')
          .post(`/executions/${id}/acceptance-checks`)
          .send({ criterionId, outcome: 'passed', evidence: 'ok' })
          .expect(200);
    }
    setNow('2027-01-18T10:00:00Z');
    const concluded = (upgradeId: string, outcome: string, action: string, metric = 'p95_latency') =>
      toKafkaRecord(
        envelope('AnalysisConcluded', 'monitoring', upgradeId, {
          upgradeId,
          assetId: 'orders-db',
          metric,
          outcome,
          action,
          runs: 3,
          failures: outcome === 'failed' ? 1 : 0,
          inconclusives: outcome === 'inconclusive' ? 2 : 0,
          consecutiveErrors: 0,
          reason: 'the runs said so',
          concludedAt: '2027-01-18T10:00:00.000Z',
        }),
      );
    await sendRaw(service.execution.topic('monitoring'), [
      concluded('an-rollback', 'failed', 'rollback'),
      concluded('an-pause', 'inconclusive', 'pause'),
      // Same stream, so heard first: a passed analysis does nothing.
      concluded('an-record', 'passed', 'none', 'error_ratio'),
      concluded('an-record', 'failed', 'record-only'),
    ]);
    await eventually(async () => (await types('an-rollback')).includes('RollbackTriggered'), 30_000, 'the rollback');
    const [rollback] = (await service.execution.store.readStream('execution-an-rollback')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(rollback!.payload).toMatchObject({
      trigger: 'regression',
      triggerId: 'analysis:p95_latency:orders-db',
      reason: 'analysis p95_latency on orders-db failed: the runs said so',
    });
    await eventually(
      async () => (await types('an-pause')).includes('RollbackDecisionRequested'),
      30_000,
      'a decision request',
    );
    await eventually(async () => (await types('an-record')).includes('RollbackDryRunRecorded'), 30_000, 'the record');
    expect((await types('an-record')).filter((t) => t.startsWith('Rollback'))).toEqual(['RollbackDryRunRecorded']);
    expect((await types('an-pause')).filter((t) => t.startsWith('Rollback'))).toEqual(['RollbackDecisionRequested']);
  });
});
