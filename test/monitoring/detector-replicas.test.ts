import { toKafkaRecord } from '@upgrade-control/contracts';
import { DataSource } from 'typeorm';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { plan } from '../support/fixtures/execution.js';
import { eventually, freshDatabase, uniqueName, type TestDatabase } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { publishedStream } from '../support/published-history.js';
import { startService, type RunningService } from '../support/service-app.js';
import { everyTriggerMetric } from './trigger-samples.js';

let now = new Date('2027-01-17T00:00:00Z');
const clock = () => now;

describe('regression detector with two replicas', () => {
  let db: TestDatabase;
  let first: RunningService;
  let second: RunningService;

  beforeAll(async () => {
    db = await freshDatabase('monitoring_replicas');
    // Two replicas of one service: one database, one consumer group, both detectors ticking fast.
    const env = {
      KAFKA_TOPIC_PREFIX: `${uniqueName('replicas')}.`,
      KAFKA_CONSUMER_GROUP: uniqueName('monitoring'),
      DETECTOR_INTERVAL_MS: '50',
    };
    first = await startService('monitoring', (e) => MonitoringModule.register(e, clock), env, { db });
    second = await startService('monitoring', (e) => MonitoringModule.register(e, clock), env, { db });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await db.drop();
  });

  it('reports a breach episode once and confirms stability once', async () => {
    const upgradeId = 'replicated';
    const ready = publishedStream(
      'planning',
      `upgrade-${upgradeId}`,
      upgradeId,
      [{ type: 'UpgradeReadyForExecution', payload: { ...plan, upgradeId } }],
      new Date('2027-01-16T00:00:00Z'),
    );
    const passed = publishedStream(
      'execution',
      `execution-${upgradeId}`,
      upgradeId,
      [{ type: 'AcceptancePassed', payload: { upgradeId, passedCriteria: ['starts'], monitoringMinutes: 60 } }],
      new Date('2027-01-17T00:00:00Z'),
    );
    await sendRaw(
      first.topic('planning'),
      ready.map((e) => toKafkaRecord(e)),
    );
    const data = first.app.get(DataSource);
    await eventually(
      async () => (await data.query('SELECT 1 FROM upgrade_plans WHERE upgrade_id = $1', [upgradeId])).length === 1,
      30_000,
      'the plan',
    );
    // Every trigger metric has a baseline from before the window (a missing one blocks stability).
    await first
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-16T00:00:00Z'), 60) })
      .expect(200);
    await first
      .as('observer')
      .post(`/monitoring/${upgradeId}/baselines`)
      .send({ assetId: 'orders-db', from: '2027-01-16T00:00:00Z', to: '2027-01-16T01:00:00Z' })
      .expect(200);
    await sendRaw(
      first.topic('execution'),
      passed.map((e) => toKafkaRecord(e)),
    );
    const types = async () => (await first.store.readStream(`monitoring-${upgradeId}`)).map((e) => e.type);
    await eventually(async () => (await types()).includes('MonitoringStarted'), 30_000, 'monitoring to start');

    // Each window's samples (every trigger metric: no data would be a finding) arrive before the clock moves there.
    const window = (end: string, values: { cpu: number }) =>
      everyTriggerMetric('orders-db', new Date(Date.parse(end) - 250_000), 6, { stepMs: 50_000, values });
    await first
      .as('observer')
      .post('/metrics')
      .send({ samples: window('2027-01-17T00:20:00Z', { cpu: 97 }) })
      .expect(200);
    now = new Date('2027-01-17T00:20:00Z');
    await eventually(async () => (await types()).includes('RegressionDetected'), 30_000, 'the regression');
    await new Promise((r) => setTimeout(r, 1000)); // both detectors have looked many times since
    expect((await types()).filter((t) => t === 'RegressionDetected')).toHaveLength(1);

    await first
      .as('observer')
      .post('/metrics')
      .send({ samples: window('2027-01-17T00:40:00Z', { cpu: 20 }) })
      .expect(200);
    now = new Date('2027-01-17T00:40:00Z');
    await eventually(async () => (await types()).includes('RegressionResolved'), 30_000, 'the episode to end');

    await first
      .as('observer')
      .post('/metrics')
      .send({ samples: window('2027-01-17T01:30:00Z', { cpu: 20 }) })
      .expect(200);
    now = new Date('2027-01-17T01:30:00Z'); // past the 60 minute period, nothing open
    await eventually(async () => (await types()).includes('StabilityConfirmed'), 30_000, 'stability');
    await new Promise((r) => setTimeout(r, 1000));
    const all = await types();
    expect(all.slice(all.indexOf('MonitoringStarted') + 1)).toEqual([
      'RegressionDetected',
      'RegressionResolved',
      'StabilityConfirmed',
    ]);
  });
});
