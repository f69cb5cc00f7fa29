import { deciderSpec } from '@upgrade-control/platform/testing';
import { applied, at, check, started, taken, verified } from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const regression = (metric: string): ExecutionCommand => ({
  type: 'ReactToRegression',
  triggerId: null,
  metric,
  assetId: 'orders-db',
  reason: `${metric} above threshold`,
  moment: at('2027-01-18T10:00:00Z'),
});
const running = [started, taken, verified, applied];
const monitoring = [...running, check('starts', 'passed'), check('orders', 'passed')];
const deadlineRollback: ExecutionEvent = {
  type: 'RollbackTriggered',
  payload: {
    upgradeId: 'pg16',
    trigger: 'decision-deadline',
    triggerId: null,
    reason: 'the rollback-decision deadline 2027-01-17T00:30:00.000Z passed without AcceptancePassed',
    decidedBy: 'execution-service',
    breakGlass: null,
  },
};
const decisionRequested: ExecutionEvent = {
  type: 'RollbackDecisionRequested',
  payload: {
    upgradeId: 'pg16',
    triggerId: 'latency',
    decisionOwner: 'dora',
    reason: 'response_time_p95 above threshold',
    decideBy: '2027-01-18T10:15:00.000Z',
    defaultDecision: 'rollback',
  },
};

describe('execution: rollback-decision deadline', () => {
  it('does nothing before the deadline', () => {
    spec
      .given(running)
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:29:00Z') })
      .thenNothingHappened();
  });

  it('rolls back when the deadline passes without acceptance', () => {
    spec
      .given(running)
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:31:00Z') })
      .then([deadlineRollback]);
  });

  it('rolls back only once', () => {
    spec
      .given([...running, deadlineRollback])
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:32:00Z') })
      .thenNothingHappened();
  });
});

describe('execution: regressions, by their trigger mode', () => {
  it('rolls back at once on an automatic trigger, as break-glass outside the window', () => {
    const automatic = spec.given(monitoring).when(regression('error_rate'));
    expect(automatic.decision.ok && automatic.decision.events[0]).toMatchObject({
      type: 'RollbackTriggered',
      payload: {
        trigger: 'regression',
        triggerId: 'errors',
        breakGlass: { why: 'error_rate above threshold (outside the maintenance window)' },
      },
    });
  });

  it('asks the decision owner on a confirm trigger', () => {
    spec.given(monitoring).when(regression('response_time_p95')).then([decisionRequested]);
  });

  it("takes the plan's default (roll back) when the decision is not made in time", () => {
    const timeout = spec
      .given([...monitoring, decisionRequested])
      .when({ type: 'WatchDeadlines', moment: at('2027-01-18T10:16:00Z') });
    expect(timeout.decision.ok && timeout.decision.events[0]).toMatchObject({
      type: 'RollbackTriggered',
      payload: { trigger: 'decision-timeout', triggerId: 'latency' },
    });
  });

  it('declines the rollback when the decision owner decides to continue', () => {
    spec
      .given([...monitoring, decisionRequested])
      .when({
        type: 'DecideRollback',
        decision: 'continue',
        reason: 'known batch job',
        decidedBy: { id: 'dora', role: 'operator' },
        moment: at('2027-01-18T10:05:00Z'),
      })
      .then([
        {
          type: 'RollbackDeclined',
          payload: { upgradeId: 'pg16', triggerId: 'latency', decidedBy: 'dora', reason: 'known batch job' },
        },
      ]);
  });

  it('only records a dry-run trigger', () => {
    spec
      .given(monitoring)
      .when(regression('cpu'))
      .then([
        {
          type: 'RollbackDryRunRecorded',
          payload: { upgradeId: 'pg16', triggerId: 'cpu', reason: 'cpu above threshold' },
        },
      ]);
  });
});

describe('execution: a concluded metric analysis, by the mode it names', () => {
  // p95_latency has no rollback trigger in the plan: only the analysis' own mode can act.
  const analysis = (mode: 'automatic' | 'confirm' | 'dry-run'): ExecutionCommand => ({
    type: 'ReactToRegression',
    metric: 'p95_latency',
    assetId: 'orders-db',
    moment: at('2027-01-18T10:00:00Z'),
    triggerId: 'analysis:p95_latency:orders-db',
    reason: 'analysis p95_latency on orders-db failed: 1 failed of 1 run',
    mode,
  });

  it('rolls back when the analysis says rollback', () => {
    const automatic = spec.given(monitoring).when(analysis('automatic'));
    expect(automatic.decision.ok && automatic.decision.events).toMatchObject([
      { type: 'RollbackTriggered', payload: { trigger: 'regression', triggerId: 'analysis:p95_latency:orders-db' } },
    ]);
  });

  it('asks the decision owner to confirm (confirm-rollback, or pause after inconclusive runs)', () => {
    spec
      .given(monitoring)
      .when(analysis('confirm'))
      .then([
        {
          type: 'RollbackDecisionRequested',
          payload: {
            ...decisionRequested.payload,
            triggerId: 'analysis:p95_latency:orders-db',
            reason: 'analysis p95_latency on orders-db failed: 1 failed of 1 run',
          },
        } as ExecutionEvent,
      ]);
  });

  it('only records a record-only analysis', () => {
    spec
      .given(monitoring)
      .when(analysis('dry-run'))
      .then([
        {
          type: 'RollbackDryRunRecorded',
          payload: {
            upgradeId: 'pg16',
            triggerId: 'analysis:p95_latency:orders-db',
            reason: 'analysis p95_latency on orders-db failed: 1 failed of 1 run',
          },
        },
      ]);
  });

  it('without its mode, a metric no trigger watches does nothing (the plan decides regressions)', () => {
    spec.given(monitoring).when(regression('p95_latency')).thenNothingHappened();
  });
});
