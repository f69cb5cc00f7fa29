import { deciderSpec } from '@upgrade-control/platform/testing';
import { at } from '../../../../../test/support/fixtures/execution.js';
import {
  pilotBaking,
  pilotWave,
  replicaRunning,
  replicaWave,
  rolloutExecutionStarted,
  rolloutStarted,
  pilotKept,
} from '../../../../../test/support/fixtures/rollout.js';
import type { ExecutionCommand } from '../execution.commands.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
// Inside the window of the wave that regresses (the pilot's closes at 23:00), so no break-glass.
const errorsOn = (assetId: string, iso = '2027-01-16T23:45:00Z'): ExecutionCommand => ({
  type: 'ReactToRegression',
  triggerId: null,
  metric: 'error_rate',
  assetId,
  reason: `error_rate on ${assetId} above twice its baseline`,
  moment: at(iso),
});
/** A failed analysis of error-rate on orders-replica, acting by its own mode (ADR 32). */
const ANALYSIS: ExecutionCommand = {
  type: 'ReactToRegression',
  triggerId: 'analysis:error-rate:orders-replica',
  metric: 'error-rate',
  assetId: 'orders-replica',
  reason: 'analysis error-rate on orders-replica failed',
  moment: at('2027-01-16T23:45:00Z'),
  mode: 'automatic',
};
const pilotErrors = errorsOn('orders-db', '2027-01-16T22:45:00Z');
const triggered = (assetId: string) => ({
  type: 'RollbackTriggered' as const,
  payload: {
    upgradeId: 'pg16',
    trigger: 'regression' as const,
    triggerId: 'errors',
    reason: `error_rate on ${assetId} above twice its baseline`,
    decidedBy: 'execution-service',
    breakGlass: null,
  },
});
const rolledBack = (wave: string, targets: string[], reason: string) => ({
  type: 'WaveRolledBack' as const,
  payload: { upgradeId: 'pg16', wave, targets, reason },
});

describe('execution of waves: a regression', () => {
  it('rolls the regressing wave back and holds the pilot on the new version', () => {
    spec
      .given(replicaRunning)
      .when(errorsOn('orders-replica'))
      .then([
        triggered('orders-replica'),
        pilotKept,
        rolledBack('replica', ['orders-replica'], 'error_rate on orders-replica above twice its baseline'),
      ]);
  });

  it('rolls earlier waves back too when the plan says so', () => {
    const policy = { earlierWaves: 'roll-back', laterWaves: 'cancel' } as const;
    spec
      .given([rolloutExecutionStarted, rolloutStarted(undefined, policy), ...replicaRunning.slice(2)])
      .when(errorsOn('orders-replica'))
      .then([
        triggered('orders-replica'),
        rolledBack(
          'pilot',
          ['orders-db'],
          'wave replica rolls back and the plan rolls earlier waves back too: error_rate on orders-replica above twice its baseline',
        ),
        rolledBack('replica', ['orders-replica'], 'error_rate on orders-replica above twice its baseline'),
      ]);
  });

  it('cancels the waves after a regressing pilot', () => {
    spec
      .given(pilotBaking)
      .when(pilotErrors)
      .then([
        triggered('orders-db'),
        rolledBack('pilot', ['orders-db'], 'error_rate on orders-db above twice its baseline'),
        {
          type: 'WaveCancelled',
          payload: {
            upgradeId: 'pg16',
            wave: 'replica',
            reason: 'wave pilot rolls back; the plan cancels later waves',
          },
        },
      ]);
  });

  it('pauses the waves after a regressing pilot when the plan says pause', () => {
    const policy = { earlierWaves: 'hold', laterWaves: 'pause' } as const;
    const [, , ...rest] = pilotBaking;
    spec
      .given([rolloutExecutionStarted, rolloutStarted(undefined, policy), ...rest])
      .when(pilotErrors)
      .then([
        triggered('orders-db'),
        rolledBack('pilot', ['orders-db'], 'error_rate on orders-db above twice its baseline'),
        {
          type: 'WaveHeld',
          payload: {
            upgradeId: 'pg16',
            wave: 'replica',
            stance: 'paused',
            reason: 'wave pilot rolls back; the plan pauses later waves',
          },
        },
      ]);
  });

  it("judges a wave by the metrics of its analysis, not by the plan's triggers, when the plan says so", () => {
    const judged = [
      rolloutExecutionStarted,
      rolloutStarted([pilotWave, { ...replicaWave, analysis: { kind: 'metrics', metrics: ['error-rate'] } }]),
      ...replicaRunning.slice(2),
    ];
    spec.given(judged).when(errorsOn('orders-replica')).thenNothingHappened();
    const { decision } = spec.given(judged).when(ANALYSIS);
    expect(decision.ok && decision.events).toMatchObject([
      {
        type: 'RollbackTriggered',
        payload: { trigger: 'regression', triggerId: 'analysis:error-rate:orders-replica' },
      },
      { type: 'WaveHeld', payload: { wave: 'pilot', stance: 'kept' } },
      { type: 'WaveRolledBack', payload: { wave: 'replica' } },
    ]);
  });

  it('does not judge a wave whose analysis is the triggers by a metric analysis', () => {
    spec.given(replicaRunning).when(ANALYSIS).thenNothingHappened();
  });

  it('ignores a regression on a target whose wave is not applied yet: it still runs the old version', () => {
    spec.given(pilotBaking).when(errorsOn('orders-replica')).thenNothingHappened();
  });

  it('restores only the targets of the waves rolled back', () => {
    spec
      .given([...replicaRunning, triggered('orders-replica'), rolledBack('replica', ['orders-replica'], 'errors')])
      .when({ type: 'CompleteRollback', dataLossExposure: 'none', now: new Date('2027-01-17T00:30:00Z') })
      .then([
        {
          type: 'RollbackCompleted',
          payload: {
            upgradeId: 'pg16',
            restored: [{ assetId: 'orders-replica', version: '15.6' }],
            dataLossExposure: 'none',
            completedAt: '2027-01-17T00:30:00.000Z',
          },
        },
      ]);
  });
});
