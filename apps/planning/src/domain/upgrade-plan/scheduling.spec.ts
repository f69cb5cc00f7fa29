import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  badFinding,
  beforeNotice as notice,
  beforeNoticeAt,
  cleanFinding,
  draftCommands,
  facts,
  history,
  readyCommands,
  ready,
  scheduleWindow as window,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const approved = () => history([...draftCommands, submit, approve('bob')]);
const scheduled = () => history([...draftCommands, submit, approve('bob'), window()]);

describe('upgrade plan: scheduling', () => {
  describe('maintenance window', () => {
    it('refuses a window too short to roll back, with the arithmetic', () => {
      const error = spec
        .given(approved())
        .when(window({ endsAt: '2026-12-12T23:00:00Z' }))
        .thenRefuses('gate-refused', /135 more minutes/);
      expect(error.kind === 'gate-refused' && error.gates[0]!.missing[0]).toBe(
        '135 more minutes: the window is 180 min, but preparation 30 + final backup 45 + upgrade 60 + verification 45 + repair buffer 30 + rollback decision 15 + rollback 90 = 315 min (rollback: the largest of window estimate 90, rollback plan 60, rehearsal 50, restore of b1 45)',
      );
    });

    it('refuses overlap with a change freeze, naming it', () => {
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
    });

    it('refuses overlap with a peak period, naming it in its time zone', () => {
      spec
        .given(approved())
        .when(window({ startsAt: '2026-12-14T12:00:00Z', endsAt: '2026-12-14T18:00:00Z' }))
        .thenRefuses(
          'gate-refused',
          'the maintenance window is refused: no overlap with peak period "business hours" (Europe/Berlin, 2026-12-14T07:00:00.000Z – 2026-12-14T17:00:00.000Z)',
        );
    });

    it('refuses overlap with another upgrade on a dependent asset, naming it', () => {
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
    const notified = () => history([...draftCommands, submit, approve('bob'), window(), ...notice]);

    it('refuses until every user group had its notice, naming each with its deadline', () => {
      const error = spec
        .given(scheduled())
        .when(ready)
        .thenRefuses('gate-refused', /communication/);
      expect(error.kind === 'gate-refused' && error.gates.find((g) => g.gate === 'communication')!.missing).toEqual([
        'a notice to sales by 2026-12-07T20:00:00.000Z',
        'a notice to finance by 2026-12-07T20:00:00.000Z',
      ]);
    });

    it('refuses when the notice came later than the lead time', () => {
      const late = beforeNoticeAt(new Date('2026-12-10T09:00:00Z'));
      spec
        .given(history([...draftCommands, submit, approve('bob'), window(), ...late]))
        .when(ready)
        .thenRefuses('gate-refused', /communication/);
    });

    it('emits what execution needs once every gate passes', () => {
      expect(history(readyCommands).at(-1)).toMatchObject({
        type: 'UpgradeReadyForExecution',
        payload: {
          monitoringMinutes: 4320,
          rollback: { decisionOwner: 'dora', rollbackOnAcceptanceFailure: true },
          backups: [{ backupId: 'b1', assetId: 'orders-db' }],
        },
      });
    });

    it('refuses when a freeze was declared over the window since it was scheduled', () => {
      spec
        .given(notified())
        .when({
          type: 'MarkReadyForExecution',
          gateFacts: {
            ...facts({ freezesInWindow: [{ freezeId: 'f2', name: 'incident freeze' }] }),
            currentFindings: [cleanFinding],
          },
        })
        .thenRefuses('gate-refused', /maintenance-window/);
    });

    it('refuses when compatibility no longer holds', () => {
      spec
        .given(notified())
        .when({ type: 'MarkReadyForExecution', gateFacts: { ...facts(), currentFindings: [badFinding] } })
        .thenRefuses('gate-refused', /compatibility/);
    });
  });
});
