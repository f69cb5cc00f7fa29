import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  badFinding,
  draftCommands,
  facts,
  history,
  monitoringPeriod as monitoring,
  ready,
  reporting,
  scheduleWindow as window,
  submit,
  waiveFinding,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// An approval covers the plan as it stood; a material change after it sends the plan back.

const spec = deciderSpec(upgradePlanDecider);
const approved = [...draftCommands, submit, approve('bob')];
const scheduled = [...approved, window()];
/** Approved again after a change, with the window in place: the approval covers that window. */
const reapproved = [...scheduled, monitoring(1440), approve('carol')];

describe('upgrade plan: re-approval after a material change', () => {
  it('names the plan version an approval approved', () => {
    const version = history([...draftCommands, submit]).length;
    expect(history(approved).at(-1)).toMatchObject({ type: 'UpgradeApproved', payload: { planVersion: version } });
  });

  it('sends the plan back to approval when the monitoring period changes after approval, listing the change', () => {
    const version = history(approved).length - 1;
    const given = spec.given(history(scheduled));
    given.when(monitoring(1440)).then([
      expect.objectContaining({ type: 'MonitoringPeriodDefined' }),
      {
        type: 'ReapprovalRequired',
        payload: { upgradeId: 'up-1', changes: ['monitoring period default → 1440 min'], approvedVersion: version },
      },
    ]);
    spec
      .given(history([...scheduled, monitoring(1440)]))
      .when(ready)
      .thenRefuses('illegal-transition', 'MarkReadyForExecution is not allowed while the upgrade is Submitted');
  });

  it('changes the monitoring period before approval without asking again', () => {
    spec
      .given(history([...draftCommands, submit]))
      .when(monitoring(1440))
      .then([expect.objectContaining({ type: 'MonitoringPeriodDefined' })]);
  });

  it('sends the plan back to approval when a finding is waived after approval', () => {
    const withFinding = [...approved, { type: 'AssessCompatibility', findings: [badFinding] } as PlanCommand];
    spec
      .given(history(withFinding))
      .when(waiveFinding(badFinding, 'carol'))
      .then([
        expect.objectContaining({ type: 'CompatibilityWaived' }),
        expect.objectContaining({
          type: 'ReapprovalRequired',
          payload: expect.objectContaining({ changes: ['compatibility finding r2 waived (reportly with orders-db)'] }),
        }),
      ]);
  });

  it('returns a re-approved plan with its window to Scheduled', () => {
    expect(spec.given(history(reapproved)).state.status).toBe('Scheduled');
  });

  it('sends the plan back when the window moves outside the approved one', () => {
    spec
      .given(history(reapproved))
      .when(window({ startsAt: '2026-12-19T20:00:00Z', endsAt: '2026-12-20T02:00:00Z' }))
      .then([
        expect.objectContaining({ type: 'MaintenanceWindowScheduled' }),
        expect.objectContaining({
          type: 'ReapprovalRequired',
          payload: expect.objectContaining({
            changes: [
              'window 2026-12-19T20:00:00Z – 2026-12-20T02:00:00Z is outside the approved 2026-12-12T20:00:00Z – 2026-12-13T02:00:00Z',
            ],
          }),
        }),
      ]);
  });

  it('keeps a window moved inside the approved one without asking again', () => {
    spec
      .given(history(reapproved))
      .when(window({ startsAt: '2026-12-12T20:30:00Z', endsAt: '2026-12-13T02:00:00Z', estimates: { ...smaller } }))
      .then([expect.objectContaining({ type: 'MaintenanceWindowScheduled' })]);
  });

  it('lists the changes awaiting approval in the gate report, with the fix', () => {
    const state = spec.given(history([...scheduled, monitoring(1440)])).state;
    if (state.status === 'None') throw new Error('no plan');
    expect(evaluateGates(state.plan, facts()).find((g) => g.gate === 'approval')).toMatchObject({
      status: 'failed',
      missing: ['approval again after: monitoring period default → 1440 min'],
      fix: 'an approver: POST /upgrades/{id}/approvals (the approval covers the changed plan)',
    });
  });
});

/**
 * Targets, backups, the rollback plan and the runbook change in Draft only: after approval no path
 * changes them, so there is nothing to re-approve: the command is refused and names the status.
 */
const draftOnly: [string, PlanCommand][] = [
  ['a target', { type: 'AddTarget', assetId: 'reportly', toVersion: '5.0', current: reporting, reason: 'with it' }],
  ['a backup plan', { ...draftCommands.find((c) => c.type === 'PlanBackup')!, backupId: 'b2' } as PlanCommand],
  ['the rollback plan', draftCommands.find((c) => c.type === 'PlanRollback')!],
  ['the runbook', draftCommands.find((c) => c.type === 'DefineRunbook')!],
];

describe('upgrade plan: what only a draft may change', () => {
  it.each(draftOnly)('refuses to change %s after approval', (_, command) => {
    spec
      .given(history(scheduled))
      .when(command)
      .thenRefuses('illegal-transition', `${command.type} is not allowed while the upgrade is Scheduled`);
  });
});

/** Estimates that fit the half hour shorter window (the repair buffer is cut). */
const smaller = {
  preparation: 30,
  finalBackup: 45,
  upgrade: 60,
  verification: 45,
  repairBuffer: 0,
  rollbackDecision: 15,
  rollbackExecution: 90,
};
