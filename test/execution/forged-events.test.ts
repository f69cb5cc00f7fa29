import { toKafkaRecord } from '@upgrade-control/contracts';
import { listDeadLetters } from '@upgrade-control/platform';
import { eventually, uniqueName } from '../support/environment.js';
import { sendRaw, testBus } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/**
 * Trust on consume: a RegressionDetected with a valid hash, written by someone other than
 * monitoring, must not roll production back. It is parked as a security finding instead.
 */
describe('execution: forged events', () => {
  const service = useExecutionService();
  const { as, envelope, planReady, setNow, startedAndApplied, types } = service;

  /** What execution parked in its DLQ as coming from the wrong producer (either replica may park it). */
  const parkedForgeries = async () => {
    const dlq = service.execution.topic('execution').replace(/\.events$/, '.dlq');
    const letters = await listDeadLetters({ bus: testBus(), topic: dlq, group: uniqueName('dlq-reader') });
    return letters.filter((l) => l.reason === 'foreign-producer').length;
  };

  it('parks a RegressionDetected that monitoring did not publish, and does not roll back', async () => {
    setNow('2027-01-16T20:10:00Z');
    await planReady('forged');
    await startedAndApplied('forged');
    for (const criterionId of ['starts', 'orders'])
      await as('operator')
        .post('/executions/forged/acceptance-checks')
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(201);
    setNow('2027-01-18T10:00:00Z');
    const forged = envelope('RegressionDetected', 'planning', 'forged', {
      upgradeId: 'forged',
      assetId: 'orders-db',
      metric: 'error_rate',
      triggerId: null,
      baseline: 0.01,
      observed: 0.5,
      threshold: 0.02,
      windowFrom: '2027-01-18T09:55:00Z',
      windowTo: '2027-01-18T10:00:00Z',
    });
    // Once on planning's own topic (the type is not planning's to publish), once on monitoring's
    // topic (the producer is not the topic's owner).
    await sendRaw(service.execution.topic('planning'), [toKafkaRecord(forged)]);
    await sendRaw(service.execution.topic('monitoring'), [toKafkaRecord({ ...forged })]);
    await eventually(async () => (await parkedForgeries()) === 2, 30_000, 'both forgeries parked');
    expect(await types('forged')).not.toContain('RollbackTriggered');
    expect(await types('forged')).not.toContain('RollbackRequested');
  });
});
