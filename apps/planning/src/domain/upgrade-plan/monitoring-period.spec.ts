import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  draftCommands,
  facts,
  history,
  monitoringPeriod,
  propose,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import { DEFAULT_MONITORING_MINIMUM_MINUTES } from '../policy.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// The monitoring period is at least the policy's minimum for the criticality of what the upgrade
// touches (the fixture's orders database is of high criticality).

const spec = deciderSpec(upgradePlanDecider);
const assessed = draftCommands.slice(0, 2);

describe('upgrade plan: the monitoring period and its policy minimum', () => {
  it('refuses a period below the minimum for the criticality, naming both', () => {
    spec
      .given(history(assessed))
      .when(monitoringPeriod(60))
      .thenRefuses(
        'invalid',
        'the monitoring period must be at least 720 min for an upgrade of high criticality, not 60',
      );
  });

  it('accepts the minimum itself', () => {
    spec
      .given(history(assessed))
      .when(monitoringPeriod(DEFAULT_MONITORING_MINIMUM_MINUTES.high))
      .then([
        expect.objectContaining({
          type: 'MonitoringPeriodDefined',
          payload: expect.objectContaining({ minutes: 720 }),
        }),
      ]);
  });

  it('follows the deployment minimums it is given', () => {
    const command = { ...monitoringPeriod(2), minimums: { low: 1, medium: 1, high: 1, critical: 1 } } as PlanCommand;
    spec
      .given(history(assessed))
      .when(command)
      .then([expect.objectContaining({ type: 'MonitoringPeriodDefined' })]);
  });

  it('fails the monitoring-period gate when the policy minimum is above the period, with the fix', () => {
    const state = spec.given(history([...assessed, monitoringPeriod(720)])).state;
    if (state.status === 'None') throw new Error('no plan');
    const minimums = { ...DEFAULT_MONITORING_MINIMUM_MINUTES, high: 1440 };
    expect(
      evaluateGates(state.plan, facts({ monitoringMinimums: minimums })).find((g) => g.gate === 'monitoring-period'),
    ).toMatchObject({
      status: 'failed',
      missing: ['a monitoring period of at least 1440 min for high criticality (it is 720 min)'],
      fix: 'PUT /upgrades/{id}/monitoring-period',
    });
  });

  it('refuses a period before the impact says how critical the upgrade is', () => {
    spec
      .given(history([propose]))
      .when(monitoringPeriod(1440))
      .thenRefuses(
        'invalid',
        'assess the impact first (POST /upgrades/{id}/impact): the monitoring minimum depends on the criticality',
      );
  });
});
