import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  afterNotice,
  beforeNotice,
  draftCommands,
  facts,
  history,
  readyCommands,
  ready,
  approve,
  scheduleWindow as window,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const started: PlanCommand = { type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' };
const monitoring: PlanCommand = { type: 'FollowExecution', status: 'Monitoring', causedByEventId: 'e2' };
const stable: PlanCommand = { type: 'CloseUpgrade', causedByEventId: 'e3' };
const scheduled = () => history([...draftCommands, submit, approve('bob'), window()]);
/** The after-notice gate as the report shows it for the plan those commands make. */
const afterNoticeGate = (commands: PlanCommand[]) => {
  const state = spec.given(history(commands)).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, { ...facts(), status: state.status }).find((g) => g.gate === 'after-notice')!;
};

describe('upgrade plan: notices count from the server clock', () => {
  it('records the server receipt as the sent time and keeps the sender’s time as reported only', () => {
    spec
      .given(scheduled())
      .when({ ...beforeNotice, reportedSentAt: '2026-11-01T09:00:00Z' } as PlanCommand)
      .then([
        {
          type: 'UsersNotified',
          payload: expect.objectContaining({
            sentAt: '2026-12-02T09:00:00.000Z',
            reportedSentAt: '2026-11-01T09:00:00Z',
          }),
        },
      ]);
  });

  it('does not count a backdated notice: the lead time runs from receipt', () => {
    // Received two days before the window, the notice claims to be ten days old: five are needed.
    const late = { ...beforeNotice, now: new Date('2026-12-10T20:00:00Z'), reportedSentAt: '2026-12-02T20:00:00Z' };
    spec
      .given(history([...draftCommands, submit, approve('bob'), window(), late as PlanCommand]))
      .when(ready)
      .thenRefuses('gate-refused', /communication/);
  });
});

describe('upgrade plan: the after-upgrade notice before closing', () => {
  it('holds the close when stability is confirmed before users were told, listing what is missing', () => {
    spec
      .given(history([...readyCommands, started, monitoring]))
      .when(stable)
      .then([
        {
          type: 'UpgradeCloseHeld',
          payload: {
            upgradeId: 'up-1',
            causedByEventId: 'e3',
            missing: ['an after-upgrade notice to sales', 'an after-upgrade notice to finance'],
          },
        },
      ]);
  });

  it('closes a held upgrade with the after-upgrade notice that was missing', () => {
    spec
      .given(history([...readyCommands, started, monitoring, stable]))
      .when(afterNotice)
      .then([
        { type: 'UsersNotified', payload: expect.objectContaining({ phase: 'after' }) },
        {
          type: 'UpgradeClosed',
          payload: { upgradeId: 'up-1', outcome: 'succeeded', postImplementationReviewRequired: false },
        },
      ]);
  });

  it('closes at once when users were told before stability was confirmed', () => {
    spec
      .given(history([...readyCommands, started, monitoring, afterNotice]))
      .when(stable)
      .then([{ type: 'UpgradeClosed', payload: expect.objectContaining({ outcome: 'succeeded' }) }]);
  });

  it('does not hold a held close again when stability is reported twice', () => {
    spec
      .given(history([...readyCommands, started, monitoring, stable]))
      .when(stable)
      .thenNothingHappened();
  });

  it('shows the missing after-upgrade notice in the gate report from the window on, with the fix', () => {
    expect(afterNoticeGate([...readyCommands, started, monitoring])).toMatchObject({
      status: 'failed',
      missing: ['an after-upgrade notice to sales', 'an after-upgrade notice to finance'],
      fix: 'POST /upgrades/{id}/notices with phase "after"',
    });
  });

  it('leaves the after-upgrade notice out of readiness: it is owed only once the window opened', () => {
    expect(afterNoticeGate(readyCommands).status).toBe('not-applicable');
  });
});
