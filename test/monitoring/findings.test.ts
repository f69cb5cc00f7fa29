import { eventually } from '../support/environment.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';
import { everyTriggerMetric } from './trigger-samples.js';

/** Evidence, not silence: no data and a missing baseline are findings that block stability. */
describe('monitoring findings', () => {
  const service = useMonitoringService();
  const { publish, setNow, types } = service;
  const observer = () => service.monitoring.as('observer');
  const eventsOf = async (upgradeId: string, type: string) =>
    (await service.monitoring.store.readStream(`monitoring-${upgradeId}`)).filter((e) => e.type === type);

  /** Plan and execution heard; monitoring starts at 02:00 for 60 minutes (then 30 more per extension). */
  async function monitored(upgradeId: string) {
    setNow('2027-01-17T02:00:00Z');
    const { planning, execution } = finishedUpgrade(upgradeId);
    await publish('planning', planning);
    await eventually(
      async () =>
        (await service.data.query('SELECT 1 FROM upgrade_plans WHERE upgrade_id = $1', [upgradeId])).length === 1,
      30_000,
      'the plan',
    );
    return execution;
  }
  const started = async (upgradeId: string) =>
    eventually(async () => (await types(upgradeId)).includes('MonitoringStarted'), 30_000, 'monitoring to start');

  it('reports a dead collector as NoDataDetected and never confirms stability on silence', async () => {
    const execution = await monitored('mon-silent');
    await observer()
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-15T00:00:00Z'), 60) })
      .expect(200);
    await observer()
      .post('/monitoring/mon-silent/baselines')
      .send({ assetId: 'orders-db', from: '2027-01-15T00:00:00Z', to: '2027-01-16T00:00:00Z' })
      .expect(200);
    await publish('execution', execution);
    await started('mon-silent');

    setNow('2027-01-17T02:20:00Z'); // no sample at all since the period started
    await eventually(async () => (await eventsOf('mon-silent', 'NoDataDetected')).length === 3, 30_000, 'no data');
    await new Promise((r) => setTimeout(r, 600)); // the detector has looked again: once per silence
    const silences = await eventsOf('mon-silent', 'NoDataDetected');
    expect(silences.map((e) => e.payload.metric).sort()).toEqual(['cpu', 'error_rate', 'response_time_p95']);
    expect(silences.find((e) => e.payload.metric === 'error_rate')!.payload).toEqual({
      upgradeId: 'mon-silent',
      assetId: 'orders-db',
      metric: 'error_rate',
      triggerId: 'errors',
      windowFrom: '2027-01-17T02:15:00.000Z',
      windowTo: '2027-01-17T02:20:00.000Z',
    });

    setNow('2027-01-17T03:05:00Z'); // past the 60 minute period, still silent
    await eventually(async () => (await types('mon-silent')).includes('MonitoringExtended'), 30_000, 'the extension');
    const [extended] = await eventsOf('mon-silent', 'MonitoringExtended');
    expect(extended!.payload.openItems).toEqual([
      'no data orders-db error_rate',
      'no data orders-db response_time_p95',
      'no data orders-db cpu',
    ]);
    expect(await types('mon-silent')).not.toContain('StabilityConfirmed');

    // The collector is back before the extended period ends: the findings close, then it is stable.
    await observer()
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-17T03:30:30Z'), 5) })
      .expect(200);
    setNow('2027-01-17T03:35:00Z');
    await eventually(async () => (await types('mon-silent')).includes('StabilityConfirmed'), 30_000, 'stability');
    expect(await eventsOf('mon-silent', 'DataResumed')).toHaveLength(3);
  });

  it('reports each trigger metric without a baseline from before the window and does not confirm stability', async () => {
    const execution = await monitored('mon-nobase');
    await publish('execution', execution);
    await started('mon-nobase');
    // A live collector, but "normal" was never observed before the window.
    await observer()
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-17T02:55:30Z'), 5) })
      .expect(200);
    setNow('2027-01-17T03:00:00Z');
    await eventually(async () => (await types('mon-nobase')).includes('MonitoringExtended'), 30_000, 'the extension');
    const [extended] = await eventsOf('mon-nobase', 'MonitoringExtended');
    const opening = 'captured before the window opening 2027-01-16T20:00:00.000Z';
    expect(extended!.payload.openItems).toEqual([
      `no baseline orders-db error_rate ${opening}`,
      `no baseline orders-db response_time_p95 ${opening}`,
      `no baseline orders-db cpu ${opening}`,
    ]);
    expect(await types('mon-nobase')).not.toContain('StabilityConfirmed');
    expect((await observer().get('/monitoring/mon-nobase').expect(200)).body).toMatchObject({ status: 'Monitoring' });
  });
});
