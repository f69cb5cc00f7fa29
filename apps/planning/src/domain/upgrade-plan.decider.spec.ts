import { deciderSpec } from '@upgrade-control/platform/testing';
import { upgradePlanDecider } from './upgrade-plan.decider.js';
import {
  badFinding,
  cleanFinding,
  draftCommands,
  facts,
  history,
  ordersDb,
  propose,
  submit,
  approve,
  scheduleWindow as window,
  beforeNotice as notice,
  ready,
} from '../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from './upgrade-plan.commands.js';

const spec = deciderSpec(upgradePlanDecider);
const scheduled = () => history([...draftCommands, submit, approve('bob'), window()]);

describe('upgrade plan', () => {
  it('derives urgency from the category and records an override only with its justification', () => {
    const [proposed] = history([{ ...propose, category: 'security-fix' } as PlanCommand]);
    expect(proposed!.payload).toMatchObject({ urgency: 'expedited', urgencyOverride: null });
    const [urgent] = history([
      { ...propose, urgencyOverride: { urgency: 'emergency', justification: 'actively exploited' } } as PlanCommand,
    ]);
    expect(urgent!.payload).toMatchObject({
      urgency: 'emergency',
      urgencyOverride: { from: 'planned', justification: 'actively exploited' },
    });
  });

  it('refuses a target the inventory does not know or that already runs the version', () => {
    spec
      .given([])
      .when({ ...propose, targets: [{ assetId: 'ghost', toVersion: '1', current: null }] } as PlanCommand)
      .thenRefuses('not-found', 'asset ghost is not in the inventory');
    spec
      .given([])
      .when({ ...propose, targets: [{ assetId: 'orders-db', toVersion: '15.6', current: ordersDb }] } as PlanCommand)
      .thenRefuses('invalid', 'orders-db already runs 15.6');
  });

  describe('submit gates', () => {
    // A rehearsal needs a rollback plan, so removing the plan removes its rehearsal too.
    const without = (type: PlanCommand['type']) =>
      history(
        draftCommands.filter(
          (c) => c.type !== type && !(type === 'PlanRollback' && c.type === 'RecordRollbackRehearsal'),
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

    it('blocks an incompatible finding until an approver waives it', () => {
      const events = history(draftCommands);
      const incompatible = { ...submit, findings: [badFinding] } as PlanCommand;
      const error = spec
        .given(events)
        .when(incompatible)
        .thenRefuses('gate-refused', /compatibility/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'compatibility')!.missing).toEqual([
        'reportly 4.2 with orders-db 16.2: reportly 4.x requires postgresql <16',
      ]);
      const assessed = history([...draftCommands, { type: 'AssessCompatibility', findings: [badFinding] }]);
      spec
        .given(assessed)
        .when({
          type: 'WaiveCompatibility',
          ruleId: 'r2',
          assetId: 'reportly',
          otherAssetId: 'orders-db',
          reason: 'driver patched',
          approver: 'alice',
        })
        .thenRefuses('forbidden', /requester cannot waive/);
      const waived = history([
        ...draftCommands,
        { type: 'AssessCompatibility', findings: [badFinding] },
        {
          type: 'WaiveCompatibility',
          ruleId: 'r2',
          assetId: 'reportly',
          otherAssetId: 'orders-db',
          reason: 'driver patched',
          approver: 'bob',
        },
      ]);
      const decision = upgradePlanDecider.decide(
        incompatible,
        waived.reduce(upgradePlanDecider.evolve, upgradePlanDecider.initialState()),
      );
      expect(decision.ok).toBe(true);
    });

    it('needs a rehearsal for a high-risk plan and an acknowledgment for an irreversible one', () => {
      const highRisk = history(draftCommands.filter((c) => c.type !== 'RecordRollbackRehearsal'));
      const state = highRisk.reduce(upgradePlanDecider.evolve, upgradePlanDecider.initialState());
      expect(state.status !== 'None' && state.plan.impact!.riskLevel).toBe('medium');
      const irreversible = draftCommands.map((c) =>
        c.type === 'PlanRollback' ? { ...c, reversibility: 'forward-fix-only' as const } : c,
      );
      const error = spec
        .given(history(irreversible))
        .when(submit)
        .thenRefuses('gate-refused', /rollback/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'rollback')!.missing).toEqual([
        'an acknowledgment that the change cannot be rolled back',
      ]);
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

  describe('approval', () => {
    it('refuses self-approval', () => {
      spec
        .given(history([...draftCommands, submit]))
        .when(approve('alice'))
        .thenRefuses('forbidden', 'separation of duties: alice requested this upgrade and cannot approve it');
    });

    it('needs two distinct approvers for an irreversible (or critical) plan', () => {
      const irreversible = draftCommands.map((c) =>
        c.type === 'PlanRollback'
          ? { ...c, reversibility: 'forward-fix-only' as const, irreversibleAcknowledgedBy: 'carol' }
          : c,
      );
      const submitted = history([...irreversible, submit]);
      expect(submitted.at(-1)!.payload).toMatchObject({ approvalPath: 'strict', requiredApprovals: 2 });
      const once = history([...irreversible, submit, approve('bob')]);
      expect(once.at(-1)!.payload).toMatchObject({ approvalsSoFar: 1, fullyApproved: false });
      spec
        .given(once)
        .when(approve('bob'))
        .thenRefuses('invalid', 'bob already approved; the next approval must come from someone else');
      spec
        .given(once)
        .when(window())
        .thenRefuses('illegal-transition', 'ScheduleMaintenanceWindow is not allowed while the upgrade is Submitted');
      expect(history([...irreversible, submit, approve('bob'), approve('carol')]).at(-1)!.payload).toMatchObject({
        fullyApproved: true,
      });
    });

    it('takes an emergency through the short path: no test run, one approver, review owed at close', () => {
      const emergency = [
        {
          ...propose,
          urgencyOverride: { urgency: 'emergency', justification: 'exploited in the wild' },
        } as PlanCommand,
        ...draftCommands.slice(1).filter((c) => c.type !== 'RecordTestEvidence'),
      ];
      const submitted = history([...emergency, submit]);
      expect(submitted.at(-1)!.payload).toMatchObject({ approvalPath: 'emergency', requiredApprovals: 1 });
      const closed = history([
        ...emergency,
        submit,
        approve('bob'),
        window(),
        { ...notice, sentAt: '2026-12-12T19:00:00Z' } as PlanCommand,
        ready,
        { type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' },
        { type: 'FollowExecution', status: 'Monitoring', causedByEventId: 'e2' },
        { type: 'CloseUpgrade', causedByEventId: 'e3' },
      ]);
      expect(closed.at(-1)).toMatchObject({
        type: 'UpgradeClosed',
        payload: { outcome: 'succeeded', postImplementationReviewRequired: true },
      });
    });
  });

  describe('maintenance window', () => {
    const approved = () => history([...draftCommands, submit, approve('bob')]);
    it('refuses a window too short to roll back, with the arithmetic', () => {
      const error = spec
        .given(approved())
        .when(window({ endsAt: '2026-12-12T23:00:00Z' }))
        .thenRefuses('gate-refused', /135 more minutes/);
      expect(error.kind === 'gate-refused' && error.gates[0]!.missing[0]).toBe(
        '135 more minutes: the window is 180 min, but preparation 30 + final backup 45 + upgrade 60 + verification 45 + repair buffer 30 + rollback decision 15 + rollback 90 = 315 min',
      );
    });
    it('refuses overlap with a freeze, a peak period and another upgrade on a dependent asset, naming each', () => {
      spec
        .given(approved())
        .when(
          window({
            conflicts: {
              freezes: [
                {
                  freezeId: 'f1',
                  name: 'year-end freeze',
                  startsAt: '2026-12-12T00:00:00Z',
                  endsAt: '2027-01-05T00:00:00Z',
                },
              ],
              otherUpgrades: [],
            },
          }),
        )
        .thenRefuses(
          'gate-refused',
          'the maintenance window is refused: no overlap with change freeze "year-end freeze" (f1, 2026-12-12T00:00:00Z – 2027-01-05T00:00:00Z)',
        );
      spec
        .given(approved())
        .when(window({ startsAt: '2026-12-14T12:00:00Z', endsAt: '2026-12-14T18:00:00Z' }))
        .thenRefuses(
          'gate-refused',
          'the maintenance window is refused: no overlap with peak period "business hours" (Europe/Berlin, 2026-12-14T07:00:00.000Z – 2026-12-14T17:00:00.000Z)',
        );
      spec
        .given(approved())
        .when(
          window({
            conflicts: {
              freezes: [],
              otherUpgrades: [
                {
                  upgradeId: 'up-9',
                  title: 'Reportly 5',
                  startsAt: '2026-12-12T22:00:00Z',
                  endsAt: '2026-12-13T01:00:00Z',
                  sharedAssets: ['reportly'],
                },
              ],
            },
          }),
        )
        .thenRefuses('gate-refused', /no overlap with upgrade "Reportly 5" \(up-9, .*\) touching reportly/);
    });
    it('exposes the rollback-decision deadline', () => {
      expect(scheduled().at(-1)!.payload).toMatchObject({ rollbackDecisionDeadline: '2026-12-13T00:30:00.000Z' });
    });
  });

  describe('readiness', () => {
    it('refuses until every user group had its notice in time, then emits what execution needs', () => {
      const error = spec
        .given(scheduled())
        .when(ready)
        .thenRefuses('gate-refused', /communication/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'communication')!.missing).toEqual([
        'a notice to sales by 2026-12-07T20:00:00.000Z',
        'a notice to finance by 2026-12-07T20:00:00.000Z',
      ]);
      const late = { ...notice, sentAt: '2026-12-10T09:00:00Z' } as PlanCommand;
      spec
        .given(history([...draftCommands, submit, approve('bob'), window(), late]))
        .when(ready)
        .thenRefuses('gate-refused', /communication/);
      const events = history([...draftCommands, submit, approve('bob'), window(), notice, ready]);
      expect(events.at(-1)).toMatchObject({
        type: 'UpgradeReadyForExecution',
        payload: {
          monitoringMinutes: 4320,
          rollback: { decisionOwner: 'dora', rollbackOnAcceptanceFailure: true },
          backups: [{ backupId: 'b1', assetId: 'orders-db' }],
        },
      });
    });
    it('refuses when a freeze was declared over the window since, or compatibility no longer holds', () => {
      const before = history([...draftCommands, submit, approve('bob'), window(), notice]);
      spec
        .given(before)
        .when({
          type: 'MarkReadyForExecution',
          gateFacts: {
            ...facts({ freezesInWindow: [{ freezeId: 'f2', name: 'incident freeze' }] }),
            currentFindings: [cleanFinding],
          },
        })
        .thenRefuses('gate-refused', /maintenance-window/);
      spec
        .given(before)
        .when({ type: 'MarkReadyForExecution', gateFacts: { ...facts(), currentFindings: [badFinding] } })
        .thenRefuses('gate-refused', /compatibility/);
    });
  });

  it('refuses illegal transitions and follows execution idempotently', () => {
    spec
      .given(history([...draftCommands, { type: 'CancelUpgrade', reason: 'postponed' }]))
      .when(submit)
      .thenRefuses('illegal-transition', 'SubmitUpgrade is not allowed while the upgrade is Cancelled');
    spec
      .given(history(draftCommands))
      .when({ type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' })
      .thenRefuses('illegal-transition');
    const running = history([
      ...draftCommands,
      submit,
      approve('bob'),
      window(),
      notice,
      ready,
      { type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' },
    ]);
    spec.given(running).when({ type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' }).then([]);
  });
});
