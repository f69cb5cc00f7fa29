import { deciderSpec } from '@upgrade-control/platform/testing';
import { applied, check, inWindow, started, taken, verified } from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const record = (criterionId: string, outcome: 'passed' | 'failed'): ExecutionCommand => ({
  type: 'RecordAcceptanceCheck',
  criterionId,
  outcome,
  evidence: 'ok',
  checkedBy: 'oscar',
  moment: inWindow,
});
const appliedUpgrade = [started, taken, verified, applied];

describe('execution: acceptance', () => {
  it('refuses a non-core check while core checks are still open', () => {
    spec
      .given(appliedUpgrade)
      .when(record('report', 'passed'))
      .thenRefuses('invalid', 'core checks are still open (starts, orders): test core functions first');
  });

  it('passes acceptance when every core check passed', () => {
    spec
      .given([...appliedUpgrade, check('starts', 'passed')])
      .when(record('orders', 'passed'))
      .then([
        check('orders', 'passed'),
        {
          type: 'AcceptancePassed',
          payload: { upgradeId: 'pg16', passedCriteria: ['starts', 'orders'], monitoringMinutes: 4320 },
        },
      ]);
  });

  it('rolls back automatically when acceptance fails and the plan says so', () => {
    spec
      .given([...appliedUpgrade, check('starts', 'passed')])
      .when(record('orders', 'failed'))
      .then([
        check('orders', 'failed'),
        { type: 'AcceptanceFailed', payload: { upgradeId: 'pg16', failedCriteria: ['orders'] } },
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'acceptance-failure',
            triggerId: null,
            reason: 'core acceptance checks failed: orders',
            decidedBy: 'execution-service',
            breakGlass: null,
          },
        },
      ]);
  });
});
