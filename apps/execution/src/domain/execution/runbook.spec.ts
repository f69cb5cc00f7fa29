import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  applied,
  beforeApplySnapshot,
  check,
  inWindow,
  plan,
  started,
  stepStarted,
  taken,
  verified,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const bob = { id: 'bob', role: 'approver' } as const;
const skip = (skippedBy: { id: string; role: 'approver' | 'operator' } = bob): ExecutionCommand => ({
  type: 'SkipStep',
  stepId: 'pg-upgrade',
  reason: 'done by the vendor already',
  skippedBy,
});
const skipped: ExecutionEvent = {
  type: 'StepSkipped',
  payload: { upgradeId: 'pg16', stepId: 'pg-upgrade', skippedBy: 'bob', reason: 'done by the vendor already' },
};
const fail: ExecutionCommand = {
  type: 'FailStep',
  stepId: 'pg-upgrade',
  operator: 'oscar',
  error: 'pg_upgrade: incompatible extension',
  durationSeconds: 60,
  moment: inWindow,
};
const stepFailed: ExecutionEvent = {
  type: 'StepFailed',
  payload: {
    upgradeId: 'pg16',
    stepId: 'pg-upgrade',
    operator: 'oscar',
    error: 'pg_upgrade: incompatible extension',
    durationSeconds: 60,
  },
};
const withAcceptanceMode = (mode: 'automatic' | 'confirm' | 'dry-run'): ExecutionEvent => ({
  type: 'ExecutionStarted',
  payload: {
    ...(started.payload as Extract<ExecutionEvent, { type: 'ExecutionStarted' }>['payload']),
    plan: {
      ...plan,
      rollback: {
        ...plan.rollback,
        triggers: plan.rollback.triggers.map((t) => (t.kind === 'acceptance-failure' ? { ...t, mode } : t)),
      },
    },
  },
});
const reason = 'runbook step pg-upgrade failed: pg_upgrade: incompatible extension';

describe('execution: skipping a runbook step', () => {
  it('records an approver skipping a step with the reason', () => {
    spec.given([started]).when(skip()).then([skipped]);
  });

  it('refuses a skip by anyone but an approver', () => {
    spec
      .given([started])
      .when(skip({ id: 'oscar', role: 'operator' }))
      .thenRefuses('forbidden', 'a runbook step is skipped only by an approver, with a reason');
  });

  it('refuses to skip a running step', () => {
    spec
      .given([started, stepStarted])
      .when(skip())
      .thenRefuses('invalid', 'step pg-upgrade is running: complete it or record its failure first');
  });

  it('applies once the only step was skipped', () => {
    const { decision } = spec
      .given([started, taken, verified, skipped, beforeApplySnapshot])
      .when({ type: 'ApplyUpgrade', now: new Date() });
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['UpgradeApplied']);
  });
});

describe('execution: a failed runbook step', () => {
  it('rolls back at once when the acceptance-failure trigger is automatic', () => {
    spec
      .given([started, stepStarted])
      .when(fail)
      .then([
        stepFailed,
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'acceptance-failure',
            triggerId: 'acceptance',
            reason,
            decidedBy: 'execution-service',
            breakGlass: null,
          },
        },
      ]);
  });

  it('asks the decision owner when the acceptance-failure trigger is confirm', () => {
    spec
      .given([withAcceptanceMode('confirm'), stepStarted])
      .when(fail)
      .then([
        stepFailed,
        {
          type: 'RollbackDecisionRequested',
          payload: {
            upgradeId: 'pg16',
            triggerId: 'acceptance',
            decisionOwner: 'dora',
            reason,
            decideBy: '2027-01-16T21:15:00.000Z',
            defaultDecision: 'rollback',
          },
        },
      ]);
  });

  it('only records a dry run when the acceptance-failure trigger is dry-run', () => {
    spec
      .given([withAcceptanceMode('dry-run'), stepStarted])
      .when(fail)
      .then([
        stepFailed,
        { type: 'RollbackDryRunRecorded', payload: { upgradeId: 'pg16', triggerId: 'acceptance', reason } },
      ]);
  });
});

describe('execution: completion and the runbook', () => {
  it('refuses to complete while a runbook step is neither completed nor skipped', () => {
    const accepted: ExecutionEvent = {
      type: 'AcceptancePassed',
      payload: { upgradeId: 'pg16', passedCriteria: ['starts', 'orders'], monitoringMinutes: 4320 },
    };
    spec
      .given([started, taken, verified, applied, check('starts', 'passed'), check('orders', 'passed'), accepted])
      .when({ type: 'CompleteExecution', now: new Date() })
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be completed before every runbook step is completed or skipped: pg-upgrade',
      );
  });
});
