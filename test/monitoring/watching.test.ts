import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { eventually } from '../support/environment.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';
import { everyTriggerMetric } from './trigger-samples.js';

/** Watching an executed upgrade: its targets, regression episodes, extension for open incidents, stability. */
describe('monitoring watches an executed upgrade', () => {
  const service = useMonitoringService();
  const { publish, samples, setNow, types } = service;

  it('watches the executed plan targets before it hears the ready plan (order across topics)', async () => {
    const { execution, planningEvents } = finishedUpgrade('mon-early');
    await publish('execution', execution);
    await eventually(
      async () => (await types('mon-early')).includes('MonitoringStarted'),
      30_000,
      'monitoring to start',
    );
    const [started] = (await service.monitoring.store.readStream('monitoring-mon-early')).filter(
      (e) => e.type === 'MonitoringStarted',
    );
    const targets = (planningEvents.at(-1)!.payload as ReadyPlan).targets.map((t) => t.assetId);
    expect(targets.length).toBeGreaterThan(0);
    expect((started!.payload as { assetIds: string[] }).assetIds).toEqual(targets);
  });

  it('emits one RegressionDetected per breach episode, extends while an incident is open, then confirms stability', async () => {
    const { planning, execution } = finishedUpgrade('mon-1');
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-15T00:00:00Z'), 60) })
      .expect(200);
    await publish('planning', planning);
    await eventually(
      async () => (await service.data.query(`SELECT 1 FROM upgrade_plans WHERE upgrade_id = 'mon-1'`)).length === 1,
      30_000,
      'the plan',
    );
    await service.monitoring
      .as('observer')
      .post('/monitoring/mon-1/baselines')
      .send({ assetId: 'orders-db', from: '2027-01-15T00:00:00Z', to: '2027-01-16T00:00:00Z' })
      .expect(200);
    await publish('execution', execution);
    await eventually(async () => (await types('mon-1')).includes('MonitoringStarted'), 30_000, 'monitoring to start');

    // error_rate at 5× baseline, sustained: one episode, however many ticks see it.
    setNow('2027-01-17T02:10:00Z');
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('orders-db', 'error_rate', new Date('2027-01-17T02:04:00Z'), 6, () => 0.05) })
      .expect(200);
    await eventually(async () => (await types('mon-1')).includes('RegressionDetected'), 30_000, 'the regression');
    await new Promise((r) => setTimeout(r, 600));
    expect((await types('mon-1')).filter((t) => t === 'RegressionDetected')).toHaveLength(1);
    const [regression] = (await service.monitoring.store.readStream('monitoring-mon-1')).filter(
      (e) => e.type === 'RegressionDetected',
    );
    expect(regression!.payload).toMatchObject({ metric: 'error_rate', triggerId: 'errors' });
    expect(regression!.payload.baseline).toBeCloseTo(0.01);
    expect(regression!.payload.observed).toBeCloseTo(0.05);
    expect(regression!.payload.threshold).toBeCloseTo(0.02);

    setNow('2027-01-17T02:20:00Z');
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: samples('orders-db', 'error_rate', new Date('2027-01-17T02:15:30Z'), 5, () => 0.01) })
      .expect(200);
    await eventually(async () => (await types('mon-1')).includes('RegressionResolved'), 30_000, 'the episode to end');
    await service.monitoring
      .as('operator')
      .post('/monitoring/mon-1/incidents')
      .send({ incidentId: 'inc-1', summary: 'month-end report slow', severity: 'minor' })
      .expect(200);

    setNow('2027-01-17T03:05:00Z'); // past the 60 minute period, incident still open
    await eventually(async () => (await types('mon-1')).includes('MonitoringExtended'), 30_000, 'the extension');
    expect((await service.monitoring.as('observer').get('/monitoring/mon-1').expect(200)).body).toMatchObject({
      status: 'Monitoring',
      openIncidents: ['inc-1'],
    });
    await service.monitoring
      .as('operator')
      .post('/monitoring/mon-1/incidents/inc-1/resolve')
      .send({ resolution: 'index rebuilt' })
      .expect(200);
    // The collector reports every trigger metric (no data would be a finding) before the clock moves.
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-17T03:35:30Z'), 5) })
      .expect(200);
    setNow('2027-01-17T03:40:00Z');
    await eventually(async () => (await types('mon-1')).includes('StabilityConfirmed'), 30_000, 'stability');
    expect((await types('mon-1')).filter((t) => t === 'MonitoringExtended')).toHaveLength(1);
  });
});
