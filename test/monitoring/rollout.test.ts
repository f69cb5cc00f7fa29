import type { EventEnvelope } from '@upgrade-control/contracts';
import type { ReadyPlan } from '../../apps/execution/src/domain/execution.state.js';
import { eventually } from '../support/environment.js';
import { rolloutStartedPayload } from '../support/fixtures/rollout.js';
import { publishedStream } from '../support/published-history.js';
import { finishedUpgrade } from './finished-upgrade.js';
import { useMonitoringService } from './monitoring-service.js';
import { everyTriggerMetric } from './trigger-samples.js';

const upgradeId = 'mon-waves';
const operator = { id: 'oscar', role: 'operator' } as const;

/**
 * The finished upgrade run as a two-wave rollout (issue 18): execution's stream with RolloutStarted
 * after ExecutionStarted and the pilot's acceptance, then the promotion, the second wave's apply and
 * acceptance, and the upgrade's acceptance in one append. Monitoring watches the plan's targets
 * (the fixture plan moves orders-db); the waves' own targets are execution's concern.
 */
function twoWaveRollout() {
  const { planning, execution } = finishedUpgrade(upgradeId);
  const domain = execution.map((e) => ({ type: e.type, payload: e.payload }));
  const executionStarted = domain.find((e) => e.type === 'ExecutionStarted')!;
  const plan = (executionStarted.payload as { plan: ReadyPlan }).plan;
  // A period of 60 minutes after each step keeps the clock readable (the fixture plan's is days).
  const started = {
    ...executionStarted,
    payload: { ...executionStarted.payload, plan: { ...plan, monitoringMinutes: 60 } },
  };
  const rollout = { type: 'RolloutStarted', payload: rolloutStartedPayload(upgradeId, '2027-01-16T21:00:00.000Z') };
  const accepted = (wave: string, acceptedAt: string, bakeUntil: string) => ({
    type: 'WaveAccepted',
    payload: { upgradeId, wave, passedCriteria: [], acceptedAt, bakeUntil, promotion: 'approval' },
  });
  const upToAcceptance = domain.slice(
    1,
    domain.findIndex((e) => e.type === 'AcceptancePassed'),
  );
  const pilot = [
    started,
    rollout,
    ...upToAcceptance,
    accepted('pilot', '2027-01-17T01:59:00.000Z', '2027-01-17T03:59:00.000Z'),
  ];
  const second = [
    {
      type: 'WavePromoted',
      payload: {
        upgradeId,
        from: 'pilot',
        to: 'second',
        promotedBy: 'bob',
        promotedAt: '2027-01-17T04:00:00.000Z',
        bakedSince: '2027-01-17T01:59:00.000Z',
        rollbackDecisionDeadline: '2027-01-18T00:30:00.000Z',
      },
    },
    {
      type: 'UpgradeApplied',
      payload: {
        upgradeId,
        installed: [{ assetId: 'reports-db', version: '16.2' }],
        appliedAt: '2027-01-17T04:05:00.000Z',
      },
    },
    accepted('second', '2027-01-17T04:09:00.000Z', '2027-01-17T06:09:00.000Z'),
    ...domain.slice(domain.findIndex((e) => e.type === 'AcceptancePassed')),
  ];
  const stream: EventEnvelope[] = publishedStream(
    'execution',
    `execution-${upgradeId}`,
    upgradeId,
    [...pilot, ...second],
    new Date('2027-01-16T21:00:00Z'),
    operator,
  );
  return { planning, pilot: stream.slice(0, pilot.length), second: stream.slice(pilot.length) };
}

/** Monitoring watches a staged rollout from the first wave's acceptance until every wave is settled. */
describe('monitoring watches a staged rollout', () => {
  const service = useMonitoringService();
  const { publish, setNow, types } = service;
  const extensions = async () =>
    (await service.monitoring.store.readStream(`monitoring-${upgradeId}`))
      .filter((e) => e.type === 'MonitoringExtended')
      .map((e) => {
        const { newEndsAt, openItems } = e.payload as { newEndsAt: string; openItems: string[] };
        return { newEndsAt, openItems };
      });

  it('starts at the first wave, goes on while a wave is pending, extends at the next wave and ends stable after', async () => {
    const { planning, pilot, second } = twoWaveRollout();
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-15T00:00:00Z'), 60) })
      .expect(200);
    await publish('planning', planning);
    await eventually(
      async () => (await service.data.query(`SELECT 1 FROM upgrade_plans WHERE upgrade_id = $1`, [upgradeId])).length,
      30_000,
      'the plan',
    );
    await service.monitoring
      .as('observer')
      .post(`/monitoring/${upgradeId}/baselines`)
      .send({ assetId: 'orders-db', from: '2027-01-15T00:00:00Z', to: '2027-01-16T00:00:00Z' })
      .expect(200);

    // The pilot is accepted at 02:00 on monitoring's clock: the period opens for 60 minutes.
    await publish('execution', pilot);
    await eventually(async () => (await types(upgradeId)).includes('MonitoringStarted'), 30_000, 'monitoring to start');
    const [started] = (await service.monitoring.store.readStream(`monitoring-${upgradeId}`)).filter(
      (e) => e.type === 'MonitoringStarted',
    );
    expect(started!.payload).toEqual({
      upgradeId,
      assetIds: ['orders-db'],
      startsAt: '2027-01-17T02:00:00.000Z',
      endsAt: '2027-01-17T03:00:00.000Z',
    });

    // The period is over while the second wave has not run: it goes on, naming the wave.
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-17T02:59:30Z'), 6) })
      .expect(200);
    setNow('2027-01-17T03:05:00Z');
    await eventually(async () => (await extensions()).length > 0, 30_000, 'the extension');
    expect(await extensions()).toEqual([{ newEndsAt: '2027-01-17T03:35:00.000Z', openItems: ['wave second pending'] }]);
    expect(await types(upgradeId)).not.toContain('StabilityConfirmed');

    // The second wave is accepted at 03:10, then the upgrade: watched 60 minutes from then, once.
    setNow('2027-01-17T03:10:00Z');
    await publish('execution', second);
    await eventually(async () => (await extensions()).length > 1, 30_000, 'the extension for the second wave');
    await eventually(
      async () =>
        (
          await service.data.query(
            `SELECT 1 FROM record_events WHERE upgrade_id = $1 AND type = 'ExecutionCompleted'`,
            [upgradeId],
          )
        ).length,
      30_000,
      'the rest of the rollout',
    );
    expect((await extensions()).slice(1)).toEqual([
      {
        newEndsAt: '2027-01-17T04:10:00.000Z',
        openItems: ['wave second accepted: watched 60 minutes from 2027-01-17T03:10:00.000Z'],
      },
    ]);

    // Every wave settled, the collector alive, the period over: stable.
    await service.monitoring
      .as('observer')
      .post('/metrics')
      .send({ samples: everyTriggerMetric('orders-db', new Date('2027-01-17T04:10:30Z'), 5) })
      .expect(200);
    setNow('2027-01-17T04:15:00Z');
    await eventually(async () => (await types(upgradeId)).includes('StabilityConfirmed'), 30_000, 'stability');
    expect(await extensions()).toHaveLength(2);
  });
});
