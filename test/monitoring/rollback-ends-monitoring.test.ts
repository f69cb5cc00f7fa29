import type { EventEnvelope } from '@upgrade-control/contracts';
import { eventually } from '../support/environment.js';
import { publishedStream } from '../support/published-history.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';

/** The finished upgrade's execution stream, cut where `keep` says, then rolled back. */
function rolledBack(upgradeId: string, keep: (type: string) => boolean, trigger: 'regression' | 'acceptance-failure') {
  const { planning, execution } = finishedUpgrade(upgradeId);
  const rollback = {
    type: 'RollbackTriggered',
    payload: {
      upgradeId,
      trigger,
      triggerId: null,
      reason: 'error rate too high',
      decidedBy: 'oscar',
      breakGlass: null,
    },
  };
  const events = [
    ...execution.filter((e) => keep(e.type)).map((e) => ({ type: e.type, payload: e.payload })),
    rollback,
  ];
  const stream: EventEnvelope[] = publishedStream(
    'execution',
    `execution-${upgradeId}`,
    upgradeId,
    events,
    new Date('2027-01-16T21:00:00Z'),
    { id: 'oscar', role: 'operator' },
  );
  return { planning, beforeRollback: stream.slice(0, -1), rollback: stream.slice(-1) };
}

/** Monitoring hears execution's rollback (Kafka) and ends the period; stability is never confirmed. */
describe('monitoring ends with a rollback', () => {
  const service = useMonitoringService();
  const { publish, setNow, types } = service;

  it('ends an open period when the upgrade rolls back and never confirms its stability', async () => {
    const { planning, beforeRollback, rollback } = rolledBack('mon-rb', () => true, 'regression');
    await publish('planning', planning);
    await publish('execution', beforeRollback);
    await eventually(async () => (await types('mon-rb')).includes('MonitoringStarted'), 30_000, 'monitoring to start');

    setNow('2027-01-17T02:30:00Z');
    await publish('execution', rollback);
    await eventually(
      async () => (await types('mon-rb')).includes('MonitoringEndedByRollback'),
      30_000,
      'the period to end',
    );
    const [ended] = (await service.monitoring.store.readStream('monitoring-mon-rb')).filter(
      (e) => e.type === 'MonitoringEndedByRollback',
    );
    expect(ended!.payload).toEqual({
      upgradeId: 'mon-rb',
      endedAt: '2027-01-17T02:30:00.000Z',
      reason: 'rolled back (regression): error rate too high',
    });

    setNow('2027-01-17T05:00:00Z'); // long past the 60 minute period
    await new Promise((r) => setTimeout(r, 1000)); // the detector has looked many times since
    expect(await types('mon-rb')).not.toContain('StabilityConfirmed');
    expect((await service.monitoring.as('observer').get('/monitoring/mon-rb').expect(200)).body).toMatchObject({
      status: 'RolledBack',
    });
  });

  it('never starts a period for an upgrade rolled back before acceptance passed', async () => {
    const { planning, beforeRollback, rollback } = rolledBack(
      'mon-rb-early',
      (type) => type !== 'AcceptancePassed' && type !== 'ExecutionCompleted',
      'acceptance-failure',
    );
    await publish('planning', planning);
    await publish('execution', [...beforeRollback, ...rollback]);
    await eventually(
      async () => (await types('mon-rb-early')).includes('MonitoringEndedByRollback'),
      30_000,
      'monitoring to hear the rollback',
    );
    expect(await types('mon-rb-early')).toEqual(['MonitoringEndedByRollback']);
    const { body } = await service.monitoring
      .as('observer')
      .post('/monitoring/mon-rb-early/baselines')
      .send({ assetId: 'orders-db', from: '2027-01-15T00:00:00Z', to: '2027-01-16T00:00:00Z' })
      .expect(409);
    expect(body.detail).toMatch(/RolledBack/);
  });
});
