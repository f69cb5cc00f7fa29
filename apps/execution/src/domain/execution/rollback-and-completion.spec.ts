import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  applied,
  at,
  inWindow,
  plan,
  started,
  taken,
  verified,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const running = [started, taken, verified, applied];
const frozen = at('2027-01-16T23:00:00Z', [{ freezeId: 'f9', name: 'incident freeze' }]);
const manualRollback = (decidedBy: string, breakGlassWhy: string | null): ExecutionCommand => ({
  type: 'TriggerRollback',
  reason: 'orders fail',
  decidedBy: { id: decidedBy, role: 'operator' },
  breakGlassWhy,
  moment: frozen,
});
const irreversible = {
  ...started,
  payload: {
    ...started.payload,
    plan: { ...plan, rollback: { ...plan.rollback, reversibility: 'forward-fix-only' as const } },
  },
} as typeof started;

describe('execution: manual rollback', () => {
  it('refuses a manual rollback from anyone but the decision owner or an approver', () => {
    spec
      .given(running)
      .when(manualRollback('oscar', null))
      .thenRefuses('forbidden', 'only the decision owner (dora) or an approver may trigger the rollback');
  });

  it("accepts the decision owner's rollback in a freeze as break-glass", () => {
    spec
      .given(running)
      .when(manualRollback('dora', 'customers cannot order'))
      .then([
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'manual',
            triggerId: null,
            reason: 'orders fail',
            decidedBy: 'dora',
            breakGlass: { why: 'customers cannot order (inside change freeze "incident freeze")' },
          },
        },
      ]);
  });
});

describe('execution: forward fix', () => {
  it('refuses a rollback on a forward-fix-only plan', () => {
    spec
      .given([irreversible])
      .when({
        type: 'TriggerRollback',
        reason: 'x',
        decidedBy: { id: 'dora', role: 'operator' },
        breakGlassWhy: null,
        moment: inWindow,
      })
      .thenRefuses('invalid', 'this plan is forward-fix only: declare a forward fix instead');
  });

  it('takes a forward fix on a forward-fix-only plan', () => {
    spec
      .given([irreversible])
      .when({ type: 'DeclareForwardFix', plan: 'hotfix 16.2.1 tonight', declaredBy: 'dora' })
      .then([
        {
          type: 'ForwardFixDeclared',
          payload: { upgradeId: 'pg16', plan: 'hotfix 16.2.1 tonight', declaredBy: 'dora' },
        },
      ]);
  });
});

describe('execution: completion', () => {
  it('completes only after acceptance passed', () => {
    spec
      .given(running)
      .when({ type: 'CompleteExecution', now: new Date() })
      .thenRefuses('invalid', 'the upgrade is complete only when acceptance has passed');
  });

  it('restores the old versions when the rollback completes', () => {
    const rolling = [
      ...running,
      {
        type: 'RollbackTriggered' as const,
        payload: {
          upgradeId: 'pg16',
          trigger: 'manual' as const,
          triggerId: null,
          reason: 'x',
          decidedBy: 'dora',
          breakGlass: null,
        },
      },
    ];
    spec
      .given(rolling)
      .when({ type: 'CompleteRollback', dataLossExposure: 'none', now: new Date('2027-01-17T01:00:00Z') })
      .then([
        {
          type: 'RollbackCompleted',
          payload: {
            upgradeId: 'pg16',
            restored: [{ assetId: 'orders-db', version: '15.6' }],
            dataLossExposure: 'none',
            completedAt: '2027-01-17T01:00:00.000Z',
          },
        },
      ]);
  });
});
