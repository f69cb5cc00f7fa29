import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  badFinding,
  draftCommands,
  history,
  irreversibleDraft,
  ordersDb,
  scheduleWindow as window,
  submit,
  waiveFinding,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { emergencyDraft } from '../../../../../test/support/fixtures/emergency-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);

describe('upgrade plan: approval', () => {
  describe('submit gates', () => {
    // A rehearsal and the decision owner's acceptance need a rollback plan: they go with it.
    const without = (type: PlanCommand['type']) =>
      history(
        draftCommands.filter(
          (c) =>
            c.type !== type &&
            !(
              type === 'PlanRollback' &&
              (c.type === 'RecordRollbackRehearsal' || c.type === 'AcceptRollbackDecisionOwnership')
            ),
        ),
      );
    it.each([
      ['AssessImpact', 'impact', 'an impact assessment'],
      ['PlanBackup', 'backup', 'a backup plan for orders-db'],
      ['PlanRollback', 'rollback', 'a rollback plan'],
      ['DefineAcceptanceCriteria', 'acceptance-criteria', 'acceptance criteria'],
      ['RecordTestEvidence', 'test-evidence', 'a recorded test run'],
      ['DefineRunbook', 'runbook', 'runbook steps'],
    ] as const)('without %s the %s gate refuses, saying what is missing', (missingCommand, gate, missing) => {
      const error = spec
        .given(without(missingCommand))
        .when(submit)
        .thenRefuses('gate-refused', new RegExp(`cannot go to approval: .*${gate}`));
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === gate)).toMatchObject({
        status: 'failed',
        missing: [missing],
      });
    });

    const incompatible = { ...submit, findings: [badFinding] } as PlanCommand;
    const waive = (approver: string): PlanCommand => waiveFinding(badFinding, approver);
    const assessed = [...draftCommands, { type: 'AssessCompatibility', findings: [badFinding] } as PlanCommand];

    it('blocks an incompatible finding, naming it', () => {
      const error = spec
        .given(history(draftCommands))
        .when(incompatible)
        .thenRefuses('gate-refused', /compatibility/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'compatibility')!.missing).toEqual([
        'reportly 4.2 with orders-db 16.2: reportly 4.x requires postgresql <16',
      ]);
    });

    it('refuses a waiver from the requester', () => {
      spec
        .given(history(assessed))
        .when(waive('alice'))
        .thenRefuses('forbidden', /requester cannot waive/);
    });

    it('lets an incompatible finding through once another approver waived it', () => {
      const { decision } = spec.given(history([...assessed, waive('bob')])).when(incompatible);
      expect(decision.ok).toBe(true);
    });

    it('rates the fixture plan medium risk, so it goes to approval without a rehearsal', () => {
      const unrehearsed = history(draftCommands.filter((c) => c.type !== 'RecordRollbackRehearsal'));
      const given = spec.given(unrehearsed);
      expect(given.state.status !== 'None' && given.state.plan.impact!.riskLevel).toBe('medium');
      expect(given.when(submit).decision.ok).toBe(true);
    });

    it('needs a rehearsal for a high-risk plan', () => {
      const critical = draftCommands
        .map((c) =>
          c.type === 'AssessImpact'
            ? { ...c, facts: { ...c.facts, targets: [{ ...ordersDb, criticality: 'critical' as const }] } }
            : c,
        )
        .filter((c) => c.type !== 'RecordRollbackRehearsal');
      const error = spec
        .given(history(critical))
        .when(submit)
        .thenRefuses('gate-refused', /rollback-rehearsal/);
      expect(
        error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'rollback-rehearsal')!.missing,
      ).toEqual(['a rollback rehearsal']);
    });

    it('needs an acknowledgment for an irreversible plan', () => {
      const irreversible = draftCommands.map((c) =>
        c.type === 'PlanRollback' ? { ...c, reversibility: 'forward-fix-only' as const } : c,
      );
      const error = spec
        .given(history(irreversible))
        .when(submit)
        .thenRefuses('gate-refused', /rollback/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'rollback')!.missing).toEqual([
        'an approver acknowledging that the change cannot be rolled back',
      ]);
    });

    it('refuses to submit a cancelled plan', () => {
      spec
        .given(history([...draftCommands, { type: 'CancelUpgrade', reason: 'postponed' }]))
        .when(submit)
        .thenRefuses('illegal-transition', 'SubmitUpgrade is not allowed while the upgrade is Cancelled');
    });
  });

  describe('approvers', () => {
    it('refuses self-approval', () => {
      spec
        .given(history([...draftCommands, submit]))
        .when(approve('alice'))
        .thenRefuses('forbidden', 'separation of duties: alice requested this upgrade and cannot approve it');
    });

    // An irreversible (or critical) plan takes the strict path: two distinct approvers.
    const irreversible = irreversibleDraft;
    const approvedOnce = () => history([...irreversible, submit, approve('bob')]);

    it('requires two approvals for an irreversible plan', () => {
      const submitted = history([...irreversible, submit]);
      expect(submitted.at(-1)!.payload).toMatchObject({ approvalPath: 'strict', requiredApprovals: 2 });
    });

    it('counts the first of two approvals without approving fully', () => {
      expect(approvedOnce().at(-1)!.payload).toMatchObject({ approvalsSoFar: 1, fullyApproved: false });
    });

    it('refuses a second approval from the same approver', () => {
      spec
        .given(approvedOnce())
        .when(approve('bob'))
        .thenRefuses('invalid', 'bob already approved; the next approval must come from someone else');
    });

    it('refuses a window while approvals are still missing', () => {
      spec
        .given(approvedOnce())
        .when(window())
        .thenRefuses('illegal-transition', 'ScheduleMaintenanceWindow is not allowed while the upgrade is Submitted');
    });

    it('approves fully with a second, distinct approver', () => {
      expect(history([...irreversible, submit, approve('bob'), approve('carol')]).at(-1)!.payload).toMatchObject({
        fullyApproved: true,
      });
    });

    it('takes an emergency down the short path: no test run, one approver', () => {
      const submitted = history([...emergencyDraft, submit]);
      expect(submitted.at(-1)!.payload).toMatchObject({ approvalPath: 'emergency', requiredApprovals: 1 });
    });
  });
});
