import { toKafkaRecord } from '@upgrade-control/contracts';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/** Monitoring's NoDataDetected is a finding execution acts on by the trigger's mode, like a regression. */
describe('execution reacts to no data', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, startedAndApplied, types } = service;

  it('rolls back automatically when an automatic trigger metric has no data', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('silent');
    await startedAndApplied('silent');
    for (const criterionId of ['starts', 'orders'])
      await as('operator')
        .post('/executions/silent/acceptance-checks')
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(200);
    setNow('2027-01-18T10:00:00Z');
    const noData = envelope('NoDataDetected', 'monitoring', 'silent', {
      upgradeId: 'silent',
      assetId: 'orders-db',
      metric: 'error_rate',
      triggerId: 'errors',
      windowFrom: '2027-01-18T09:55:00.000Z',
      windowTo: '2027-01-18T10:00:00.000Z',
    });
    await sendRaw(service.execution.topic('monitoring'), [toKafkaRecord(noData)]);
    await eventually(async () => (await types('silent')).includes('RollbackTriggered'), 30_000, 'the rollback');
    const [rollback] = (await service.execution.store.readStream('execution-silent')).filter(
      (e) => e.type === 'RollbackTriggered',
    );
    expect(rollback!.payload).toMatchObject({
      trigger: 'regression',
      triggerId: 'errors',
      reason: 'no samples of error_rate on orders-db from 2027-01-18T09:55:00.000Z to 2027-01-18T10:00:00.000Z',
    });
  });
});
