import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  beforeNotice,
  cleanFinding,
  draftCommands,
  facts,
  history,
  onCallFor,
  saturdayNight,
  scheduleWindow,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// Each trigger metric needs a baseline captured from a period before the window (the fixture's
// window opens 2026-12-12T20:00:00Z): without one, monitoring cannot tell a regression from normal.

const spec = deciderSpec(upgradePlanDecider);
const rollback = draftCommands.find((c) => c.type === 'PlanRollback')! as Extract<
  PlanCommand,
  { type: 'PlanRollback' }
>;
const errorRate = {
  triggerId: 't2',
  kind: 'metric-threshold' as const,
  mode: 'automatic' as const,
  metric: 'error_rate',
  comparison: 'above-baseline-factor' as const,
  threshold: 2,
  sustainedMinutes: 5,
  assetId: null,
};
const watched = draftCommands.map((c) =>
  c.type === 'PlanRollback' ? { ...rollback, triggers: [...rollback.triggers, errorRate] } : c,
);
const scheduled = history([...watched, submit, approve('bob'), scheduleWindow(), ...beforeNotice]);
const baseline = (to: string) => ({ assetId: 'orders-db', metrics: ['error_rate', 'cpu'], to });
const withBaselines = (...baselines: ReturnType<typeof baseline>[]): PlanCommand => ({
  type: 'MarkReadyForExecution',
  gateFacts: { ...facts({ baselines }), currentFindings: [cleanFinding], onCall: onCallFor(saturdayNight) },
});
const gate = (baselines: ReturnType<typeof baseline>[]) => {
  const state = spec.given(scheduled).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, facts({ baselines })).find((g) => g.gate === 'monitoring-baseline');
};

describe('upgrade plan: a baseline for each trigger metric before the window', () => {
  it('refuses readiness without a baseline of a trigger metric', () => {
    spec
      .given(scheduled)
      .when(withBaselines())
      .thenRefuses('gate-refused', 'the upgrade is not ready for execution: monitoring-baseline not met');
  });

  it('names the metric without a baseline in the gate report, with the endpoint to capture one', () => {
    expect(gate([])).toMatchObject({
      status: 'failed',
      missing: ['a baseline of orders-db error_rate captured before the window opening 2026-12-12T20:00:00Z'],
      fix: 'in monitoring: POST /metrics with samples from before the window, then POST /monitoring/{id}/baselines (assetId, from, to before the window)',
    });
  });

  it('does not count a baseline whose period ends after the window opened', () => {
    expect(gate([baseline('2026-12-12T20:30:00Z')])).toMatchObject({ status: 'failed' });
  });

  it('declares the plan ready with a baseline from before the window', () => {
    spec
      .given(scheduled)
      .when(withBaselines(baseline('2026-12-12T19:00:00Z')))
      .then([
        expect.objectContaining({ type: 'CompatibilityAssessed' }),
        expect.objectContaining({ type: 'UpgradeReadyForExecution' }),
      ]);
  });

  it('asks for no baseline when no trigger watches a metric', () => {
    const state = spec.given(history([...draftCommands, submit])).state;
    if (state.status === 'None') throw new Error('no plan');
    expect(evaluateGates(state.plan, facts()).find((g) => g.gate === 'monitoring-baseline')!.status).toBe('passed');
  });
});
