import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  draftCommands,
  facts,
  history,
  scheduleWindow as window,
  submit,
  windowEstimates,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// The window is sized on the rollback's evidence: the plan's estimate, the rehearsal's measured
// duration and the backups' expected restores, whichever is longest — not only on typed estimates.

const spec = deciderSpec(upgradePlanDecider);
/** The fixture's 315 minutes of estimates in a window of exactly 315 minutes. */
const tight = (over: Partial<typeof windowEstimates> = {}) =>
  window({ endsAt: '2026-12-13T01:15:00Z', estimates: { ...windowEstimates, ...over } });
const rehearsed = (durationMinutes: number): PlanCommand => ({
  type: 'RecordRollbackRehearsal',
  outcome: 'succeeded',
  durationMinutes,
  notes: 'measured on staging',
});
const approvedWith = (...extra: PlanCommand[]) => history([...draftCommands, ...extra, submit, approve('bob')]);

describe('upgrade plan: window sizing from evidence', () => {
  it('refuses a window the rehearsal measured too short for, naming every part', () => {
    const error = spec
      .given(approvedWith(rehearsed(120)))
      .when(tight())
      .thenRefuses('gate-refused', /30 more minutes/);
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing[0]).toBe(
      '30 more minutes: the window is 315 min, but preparation 30 + final backup 45 + upgrade 60 + verification 45 + repair buffer 30 + rollback decision 15 + rollback 120 = 345 min (rollback: the largest of window estimate 90, rollback plan 60, rehearsal 120, restore of b1 45)',
    );
  });

  it('refuses a window shorter than a backup’s expected restore', () => {
    const slowRestore = {
      ...draftCommands.find((c) => c.type === 'PlanBackup')!,
      backupId: 'b2',
      expectedRestoreMinutes: 150,
    };
    spec
      .given(approvedWith(slowRestore as PlanCommand))
      .when(tight())
      .thenRefuses('gate-refused', /rollback 150 = 375 min \(rollback: the largest of .*restore of b2 150\)$/);
  });

  it('sets the rollback-decision deadline from the evidence, not from a smaller typed estimate', () => {
    spec
      .given(approvedWith())
      .when(tight({ rollbackExecution: 10 }))
      .then([
        {
          type: 'MaintenanceWindowScheduled',
          payload: expect.objectContaining({ rollbackDecisionDeadline: '2026-12-13T00:15:00.000Z' }),
        },
      ]);
  });

  it('no longer counts a rehearsal of a rollback plan that was replaced since', () => {
    const replaced = draftCommands.find((c) => c.type === 'PlanRollback')!;
    const accepted: PlanCommand = { type: 'AcceptRollbackDecisionOwnership', principal: 'dora' };
    const given = spec.given(approvedWith(rehearsed(120), replaced, accepted));
    expect(given.state.status !== 'None' && given.state.plan.rehearsal).toBeNull();
    given.when(tight()).then([expect.objectContaining({ type: 'MaintenanceWindowScheduled' })]);
  });

  it('re-checks the window size in the gate report, with the fix', () => {
    const state = spec.given(history([...draftCommands, submit, approve('bob'), tight()])).state;
    if (state.status === 'None') throw new Error('no plan');
    const longer = { ...state.plan, rehearsal: { ...state.plan.rehearsal!, durationMinutes: 100 } };
    expect(evaluateGates(longer, facts()).find((g) => g.gate === 'maintenance-window')).toMatchObject({
      status: 'failed',
      missing: [expect.stringMatching(/^10 more minutes: .* rehearsal 100/)],
      fix: 'schedule a longer window (PUT /upgrades/{id}/window)',
    });
  });
});
