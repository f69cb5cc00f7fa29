import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  draftCommands,
  history,
  pilotWave,
  submit,
  unknownFinding,
  waiveFinding,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);

// "When compatibility is uncertain, a pilot environment should be used": an unknown pair blocks
// until a test run exercised it, or an approver accepts it with a reason.

const withUnknown = { ...submit, findings: [unknownFinding] } as PlanCommand;
const assessed = [...draftCommands, { type: 'AssessCompatibility', findings: [unknownFinding] } as PlanCommand];
const pilot = (outcome: 'passed' | 'failed'): PlanCommand => ({
  type: 'RecordTestEvidence',
  environment: 'pilot: staging with the billing integration',
  representativeData: true,
  rolesCovered: ['clerk'],
  integrationsCovered: ['billing'],
  loadTested: true,
  outcome,
  summary: `billing against PostgreSQL 16: ${outcome}`,
  pairsCovered: [{ assetId: 'billing', assetVersion: '2.0', otherAssetId: 'orders-db', otherVersion: '16.2' }],
});
const unknownGate = (error: { kind: string }) =>
  error.kind === 'gate-refused' && 'gates' in error
    ? (error.gates as { gate: string }[]).find((g) => g.gate === 'compatibility-unknown')
    : undefined;

describe('upgrade plan: unknown compatibility pairs', () => {
  it('blocks submission on a pair no rule covers, naming the pair, how it was reached and how to settle it', () => {
    const error = spec
      .given(history(draftCommands))
      .when(withUnknown)
      .thenRefuses('gate-refused', 'the plan cannot go to approval: compatibility-unknown not met');
    expect(unknownGate(error)).toMatchObject({
      status: 'failed',
      missing: [
        'pilot evidence or a waiver for orders-db 16.2 with billing 2.0: no rule covers this pair ' +
          '(depth 2, reached through orders-db → reportly → billing)',
      ],
      fix: expect.stringMatching(/test-evidence with pairsCovered.*an approver waives the pair/),
    });
  });

  it('lets the pair through once a test run that exercised it passed', () => {
    spec
      .given(history([...draftCommands, pilot('passed')]))
      .when(withUnknown)
      .then([
        expect.objectContaining({ type: 'CompatibilityAssessed' }),
        expect.objectContaining({ type: 'UpgradeSubmitted' }),
      ]);
  });

  it('does not count a test run of the pair that failed as pilot evidence', () => {
    spec
      .given(history([...draftCommands, pilot('passed'), pilot('failed')]))
      .when(withUnknown)
      .thenRefuses('gate-refused', /compatibility-unknown/);
  });

  it('lets the pair through once an approver waived it and a pilot wave leads the rollout (wave-gates.spec)', () => {
    const waived = [...assessed, waiveFinding(unknownFinding, 'bob'), pilotWave];
    const { decision } = spec.given(history(waived)).when(withUnknown);
    expect(decision.ok).toBe(true);
  });

  it('records the waiver of an unknown pair with its status and the approver principal', () => {
    spec
      .given(history(assessed))
      .when(waiveFinding(unknownFinding, 'bob'))
      .then([
        {
          type: 'CompatibilityWaived',
          payload: {
            upgradeId: 'up-1',
            status: 'unknown',
            ruleId: null,
            assetId: 'orders-db',
            otherAssetId: 'billing',
            reason: 'vendor confirmed the combination',
            approvedBy: 'bob',
          },
        },
      ]);
  });

  it('refuses a waiver from a principal who is not an approver', () => {
    spec
      .given(history(assessed))
      .when(waiveFinding(unknownFinding, 'carol', 'planner'))
      .thenRefuses('forbidden', 'only an approver may waive a compatibility finding, not a planner');
  });

  it('refuses to waive an unknown pair the latest assessment does not hold', () => {
    spec
      .given(history(draftCommands))
      .when(waiveFinding(unknownFinding, 'bob'))
      .thenRefuses('not-found', 'no unknown compatibility pair orders-db with billing in the latest assessment');
  });
});
