import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  beforeNotice,
  draftCommands,
  facts,
  history,
  measuredRestore,
  ready,
  scheduleWindow,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

// A restore execution measured is evidence: the rollback estimate takes the latest one, so the
// window is checked against it at readiness and in the gate report (the fixture's window is 360 min,
// its parts before the rollback 225 min: a rollback of more than 135 min no longer fits).

const spec = deciderSpec(upgradePlanDecider);
const scheduled = history([...draftCommands, submit, approve('bob'), scheduleWindow(), ...beforeNotice]);
/** The RestoreMeasured event the decider records for measuredRestore(...). */
const measured = (...args: Parameters<typeof measuredRestore>) =>
  history([...draftCommands, measuredRestore(...args)]).at(-1)!;
const windowGate = (events: typeof scheduled) => {
  const state = spec.given(events).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, facts()).find((g) => g.gate === 'maintenance-window');
};

describe('upgrade plan: measured restores feed the rollback estimate', () => {
  it('records a measured restore in whole minutes, rounded up', () => {
    spec
      .given(scheduled)
      .when({ ...measuredRestore(50), durationMs: 50 * 60_000 + 1 } as PlanCommand)
      .then([
        {
          type: 'RestoreMeasured',
          payload: {
            upgradeId: 'up-1',
            backupId: 'b1',
            startedAt: '2026-12-12T20:10:00.000Z',
            finishedAt: '2026-12-12T21:00:00Z',
            durationMs: 50 * 60_000 + 1,
            minutes: 51,
            causedByEventId: 'ev-verified-1',
          },
        },
      ]);
  });

  it('records a redelivered verification once', () => {
    spec
      .given(history([...draftCommands, measuredRestore(50)]))
      .when(measuredRestore(50))
      .thenNothingHappened();
  });

  it('refuses readiness when the measured restore no longer fits the window, naming it', () => {
    spec
      .given([...scheduled, measured(150)])
      .when(ready)
      .thenRefuses('gate-refused', 'the upgrade is not ready for execution: maintenance-window not met');
  });

  it('names the latest measured restore as the rollback in the gate report, with the fix', () => {
    const events = [...scheduled, measured(150)];
    expect(windowGate(events)).toMatchObject({
      status: 'failed',
      missing: [
        '15 more minutes: the window is 360 min, but preparation 30 + final backup 45 + upgrade 60 + verification 45 + repair buffer 30 + rollback decision 15 + rollback 150 = 375 min (rollback: the largest of window estimate 90, rollback plan 60, rehearsal 50, restore of b1 45, latest measured restore of b1 150)',
      ],
      fix: 'schedule a longer window (PUT /upgrades/{id}/window)',
    });
  });

  it('takes the latest measured restore, not the longest', () => {
    const restores = [measured(150, '2026-12-12T21:00:00Z', 'ev-a'), measured(40, '2026-12-12T22:00:00Z', 'ev-b')];
    expect(windowGate([...scheduled, ...restores])).toMatchObject({ status: 'passed' });
  });
});
