import { deciderSpec } from '@upgrade-control/platform/testing';
import { history, ordersDb, propose } from '../../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);

describe('upgrade plan: drafting', () => {
  it('derives the urgency from the category, with no override recorded', () => {
    const [proposed] = history([{ ...propose, category: 'security-fix' } as PlanCommand]);
    expect(proposed!.payload).toMatchObject({ urgency: 'expedited', urgencyOverride: null });
  });

  it('records an urgency override with the urgency it replaces and its justification', () => {
    const [urgent] = history([
      { ...propose, urgencyOverride: { urgency: 'emergency', justification: 'actively exploited' } } as PlanCommand,
    ]);
    expect(urgent!.payload).toMatchObject({
      urgency: 'emergency',
      urgencyOverride: { from: 'planned', justification: 'actively exploited' },
    });
  });

  it('refuses a target the inventory does not know', () => {
    spec
      .given([])
      .when({ ...propose, targets: [{ assetId: 'ghost', toVersion: '1', current: null }] } as PlanCommand)
      .thenRefuses('not-found', 'asset ghost is not in the inventory');
  });

  it('refuses a target that already runs the version', () => {
    spec
      .given([])
      .when({ ...propose, targets: [{ assetId: 'orders-db', toVersion: '15.6', current: ordersDb }] } as PlanCommand)
      .thenRefuses('invalid', 'orders-db already runs 15.6');
  });

  it('refuses secondary acceptance criteria before core ones', () => {
    spec
      .given(history([propose]))
      .when({
        type: 'DefineAcceptanceCriteria',
        criteria: [
          {
            criterionId: 'c1',
            order: 1,
            kind: 'report',
            core: false,
            description: 'report',
            passCondition: 'renders',
          },
          { criterionId: 'c2', order: 2, kind: 'login', core: true, description: 'login', passCondition: 'works' },
        ],
      })
      .thenRefuses('invalid', /core criteria must come before secondary ones/);
  });
});
