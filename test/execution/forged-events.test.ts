import { sealEnvelope, toKafkaRecord, type EventEnvelope } from '@upgrade-control/contracts';
import { listDeadLetters, uuidv7 } from '@upgrade-control/platform';
import { DataSource } from 'typeorm';
import { eventually, uniqueName } from '../support/environment.js';
import { sendRaw, testBus } from '../support/kafka.js';
import { useExecutionService } from './execution-service.js';

/**
 * Trust on consume: a RegressionDetected with a valid hash, written by someone other than
 * monitoring, or by "monitoring" but not continuing monitoring's stream, must not roll production
 * back. It is parked as a security finding instead.
 */
describe('execution: forged events', () => {
  const service = useExecutionService();
  const { as, chains, envelope, planReady, setNow, startedAndApplied, types } = service;

  /** What execution parked in its DLQ (either replica may park it). */
  const deadLetters = async () => {
    const dlq = service.execution.topic('execution').replace(/\.events$/, '.dlq');
    return listDeadLetters({ bus: testBus(), topic: dlq, group: uniqueName('dlq-reader') });
  };
  const parkedForgeries = async () => (await deadLetters()).filter((l) => l.reason === 'foreign-producer').length;

  /** An upgrade applied and accepted, monitored since: a regression now would roll it back. */
  async function inMonitoring(upgradeId: string) {
    setNow('2027-01-16T20:10:00Z');
    await planReady(upgradeId);
    await startedAndApplied(upgradeId);
    for (const criterionId of ['starts', 'orders'])
      await as('operator')
        .post(`/executions/${upgradeId}/acceptance-checks`)
        .send({ criterionId, outcome: 'passed', evidence: 'ok' })
        .expect(200);
    setNow('2027-01-18T10:00:00Z');
  }
  const regression = (upgradeId: string) => ({
    upgradeId,
    assetId: 'orders-db',
    metric: 'error_rate',
    triggerId: null,
    baseline: 0.01,
    observed: 0.5,
    threshold: 0.02,
    windowFrom: '2027-01-18T09:55:00Z',
    windowTo: '2027-01-18T10:00:00Z',
  });

  it('parks a RegressionDetected that monitoring did not publish, and does not roll back', async () => {
    await inMonitoring('forged');
    const forged = envelope('RegressionDetected', 'planning', 'forged', regression('forged'));
    // Once on planning's own topic (the type is not planning's to publish), once on monitoring's
    // topic (the producer is not the topic's owner).
    await sendRaw(service.execution.topic('planning'), [toKafkaRecord(forged)]);
    await sendRaw(service.execution.topic('monitoring'), [toKafkaRecord({ ...forged })]);
    await eventually(async () => (await parkedForgeries()) === 2, 30_000, 'both forgeries parked');
    expect(await types('forged')).not.toContain('RollbackTriggered');
    expect(await types('forged')).not.toContain('RollbackRequested');
  });

  it('parks a RegressionDetected from monitoring that does not continue its stream, takes a redelivery as nothing, and does not roll back', async () => {
    await inMonitoring('unchained');
    // Monitoring's stream of the upgrade, as execution holds it: the baselines captured before the window.
    const streamId = 'monitoring-unchained';
    const head = chains.head('monitoring', streamId)!;
    /** Right producer, right topic, a correct hash of its own: only the link to the stream is wrong. */
    const forge = (streamVersion: number, prevHash: string | null): EventEnvelope =>
      sealEnvelope({
        eventId: uuidv7(),
        type: 'RegressionDetected',
        schemaVersion: 1,
        streamId,
        streamVersion,
        occurredAt: '2027-01-18T10:00:00.000Z',
        producer: 'monitoring',
        correlationId: 'unchained',
        causationId: null,
        actor: { id: 'monitoring', role: 'system' },
        payload: regression('unchained'),
        prevHash,
      });
    const wrongLink = forge(head.streamVersion + 1, 'f'.repeat(64));
    const versionGap = forge(head.streamVersion + 2, head.hash);
    const fork = forge(head.streamVersion, head.prevHash);
    // Then monitoring's real next event, which still continues the chain execution holds.
    const genuine = envelope('BaselineCaptured', 'monitoring', 'unchained', {
      upgradeId: 'unchained',
      assetId: 'chain-sentinel',
      from: '2027-01-16T18:00:00.000Z',
      to: '2027-01-16T19:00:00.000Z',
      metrics: { cpu: { mean: 0.01, p95: 0.02, max: 0.03, samples: 30 } },
    });
    // One key, one partition: in this order. The real head comes first again, as a redelivery.
    await sendRaw(
      service.execution.topic('monitoring'),
      [head, wrongLink, versionGap, fork, genuine].map((e) => toKafkaRecord(e)),
    );
    const data = service.execution.app.get(DataSource);
    await eventually(
      async () =>
        (await data.query(`SELECT 1 FROM monitoring_baselines WHERE asset_id = 'chain-sentinel'`)).length === 1,
      30_000,
      'the genuine event after the forgeries applied',
    );
    const parked = (await deadLetters()).filter((l) => l.key === streamId);
    expect(parked.map((l) => [l.eventId, l.reason])).toEqual([
      [wrongLink.eventId, 'chain-gap'],
      [versionGap.eventId, 'chain-gap'],
      [fork.eventId, 'chain-fork'],
    ]);
    expect(parked[0]!.error).toBe(
      `monitoring stream ${streamId} v${wrongLink.streamVersion} (event ${wrongLink.eventId}): prevHash ${'f'.repeat(64)} is not ${head.hash}, the hash of v${head.streamVersion} held`,
    );
    expect(parked[1]!.error).toMatch(/the version jumps from v\d+ held to v\d+$/);
    expect(parked[2]!.error).toContain(`is held as event ${head.eventId} with hash ${head.hash}`);
    expect(await types('unchained')).not.toContain('RollbackTriggered');
    expect(await types('unchained')).not.toContain('RollbackRequested');
  });
});
