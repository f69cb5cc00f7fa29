import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  beforeNotice,
  cleanFinding,
  draftCommands,
  facts,
  history,
  irreversibleDraft,
  onCallFor,
  scheduleWindow as window,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// People are principals: support roles must be on call for the window, the decision owner accepts
// and an approver acknowledges an irreversible change, each by acting themselves.

const spec = deciderSpec(upgradePlanDecider);
const approved = [...draftCommands, submit, approve('bob')];
const rollbackPlan = draftCommands.find((c) => c.type === 'PlanRollback')!;
const roles = (...r: ('dba' | 'network' | 'application-owner')[]): PlanCommand => ({
  type: 'RequireSupportRoles',
  roles: r,
});
const rollbackGate = (commands: PlanCommand[]) => {
  const state = spec.given(history(commands)).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, facts(), ['rollback'])[0];
};

describe('upgrade plan: people are principals', () => {
  describe('support roles', () => {
    it('refuses an empty list of roles', () => {
      spec
        .given(history(draftCommands))
        .when(roles())
        .thenRefuses(
          'invalid',
          'name the support roles that must be reachable: application-owner, dba, network, security, vendor',
        );
    });

    it('sends the plan back to approval when the roles change after approval', () => {
      spec
        .given(history(approved))
        .when(roles('dba', 'network'))
        .then([
          { type: 'SupportRolesRequired', payload: { upgradeId: 'up-1', roles: ['dba', 'network'] } },
          expect.objectContaining({
            type: 'ReapprovalRequired',
            payload: expect.objectContaining({ changes: ['support roles application-owner, dba → dba, network'] }),
          }),
        ]);
    });

    it('refuses a window a required role is not on call for, naming the role and the gap', () => {
      const dbaLeavesEarly = onCallFor({ startsAt: '2026-12-12T20:00:00Z', endsAt: '2026-12-13T02:00:00Z' }).map((s) =>
        s.role === 'dba' ? { ...s, endsAt: '2026-12-13T00:00:00Z' } : s,
      );
      const error = spec
        .given(history(approved))
        .when({ ...window(), onCall: dbaLeavesEarly } as PlanCommand)
        .thenRefuses(
          'gate-refused',
          'the maintenance window is refused: somebody on call as dba for 2026-12-13T00:00:00.000Z – 2026-12-13T02:00:00.000Z',
        );
      expect(error.kind === 'gate-refused' && error.gates[0]).toMatchObject({
        gate: 'support-roster',
        fix: 'a planner or approver: POST /roster/shifts for the role over the uncovered interval, or move the window',
      });
    });

    it('refuses a window while the plan names no support roles', () => {
      const unnamed = draftCommands.filter((c) => c.type !== 'RequireSupportRoles');
      spec
        .given(history([...unnamed, submit, approve('bob')]))
        .when(window())
        .thenRefuses('gate-refused', 'the maintenance window is refused: the support roles that must be reachable');
    });

    it('re-checks the roster at ready: a shift cancelled since fails the gate with the fix', () => {
      const ownerOnly = onCallFor({ startsAt: '2026-12-12T20:00:00Z', endsAt: '2026-12-13T02:00:00Z' }).filter(
        (s) => s.role !== 'dba',
      );
      const withoutDba: PlanCommand = {
        type: 'MarkReadyForExecution',
        gateFacts: { ...facts(), currentFindings: [cleanFinding], onCall: ownerOnly },
      };
      const error = spec
        .given(history([...approved, window(), ...beforeNotice]))
        .when(withoutDba)
        .thenRefuses('gate-refused', 'the upgrade is not ready for execution: support-roster not met');
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'support-roster')).toMatchObject({
        status: 'failed',
        missing: ['somebody on call as dba for 2026-12-12T20:00:00.000Z – 2026-12-13T02:00:00.000Z'],
      });
    });
  });

  describe('rollback decision owner', () => {
    const unaccepted = draftCommands.filter((c) => c.type !== 'AcceptRollbackDecisionOwnership');

    it('refuses the role accepted by anybody but the named decision owner', () => {
      spec
        .given(history(unaccepted))
        .when({ type: 'AcceptRollbackDecisionOwnership', principal: 'oscar' })
        .thenRefuses('forbidden', 'only dora, the decision owner the rollback plan names, can accept that role');
    });

    it('refuses an acceptance before there is a rollback plan', () => {
      spec
        .given(history(unaccepted.filter((c) => c.type !== 'PlanRollback' && c.type !== 'RecordRollbackRehearsal')))
        .when({ type: 'AcceptRollbackDecisionOwnership', principal: 'dora' })
        .thenRefuses('invalid', 'plan the rollback (PUT /upgrades/{id}/rollback-plan) before accepting its decision');
    });

    it('fails the rollback gate until the decision owner accepted, with the fix', () => {
      expect(rollbackGate(unaccepted)).toMatchObject({
        status: 'failed',
        missing: ['dora accepting the rollback decision'],
        fix: expect.stringContaining('dora: POST /upgrades/{id}/rollback-plan/decision-owner {"accept": true}'),
      });
    });

    it('asks for the acceptance again once the rollback plan is replaced', () => {
      expect(rollbackGate([...draftCommands, rollbackPlan])).toMatchObject({
        status: 'failed',
        missing: ['dora accepting the rollback decision'],
      });
    });
  });

  describe('irreversible change', () => {
    const unacknowledged = irreversibleDraft.filter((c) => c.type !== 'AcknowledgeIrreversibleChange');
    const acknowledge = (approver: string): PlanCommand => ({ type: 'AcknowledgeIrreversibleChange', approver });

    it('passes the rollback gate once an approver acknowledged it', () => {
      expect(rollbackGate(irreversibleDraft).status).toBe('passed');
    });

    it('refuses the requester’s own acknowledgement', () => {
      spec
        .given(history(unacknowledged))
        .when(acknowledge('alice'))
        .thenRefuses(
          'forbidden',
          'separation of duties: the requester cannot acknowledge the irreversible change of their own plan',
        );
    });

    it('refuses an acknowledgement of a reversible plan', () => {
      spec
        .given(history(draftCommands))
        .when(acknowledge('carol'))
        .thenRefuses('invalid', 'the rollback plan is reversible: there is no irreversible change to acknowledge');
    });

    it('no longer counts a typed acknowledgement, and resets the acted one with a replaced plan', () => {
      const typed = { ...rollbackPlan, reversibility: 'forward-fix-only', irreversibleAcknowledgedBy: 'carol' };
      expect(
        rollbackGate([
          ...irreversibleDraft,
          typed as PlanCommand,
          { type: 'AcceptRollbackDecisionOwnership', principal: 'dora' },
        ]),
      ).toMatchObject({
        status: 'failed',
        missing: ['an approver acknowledging that the change cannot be rolled back'],
      });
    });
  });

  it('refuses a rollback plan without triggers', () => {
    spec
      .given(history(draftCommands.slice(0, 3)))
      .when({ ...rollbackPlan, triggers: [] } as PlanCommand)
      .thenRefuses(
        'invalid',
        'name at least one rollback trigger (acceptance failure, metric threshold or decision deadline)',
      );
  });
});
