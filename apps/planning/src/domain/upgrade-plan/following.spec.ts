import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  afterNotice,
  approve,
  beforeNoticeAt,
  draftCommands,
  emergencyDraft,
  history,
  readyCommands,
  ready,
  scheduleWindow as window,
  submit,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const started: PlanCommand = { type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' };

describe('upgrade plan: following execution and monitoring', () => {
  it('refuses to follow an execution the plan is not ready for', () => {
    spec.given(history(draftCommands)).when(started).thenRefuses('illegal-transition');
  });

  it('follows execution idempotently: the same status again changes nothing', () => {
    spec
      .given(history([...readyCommands, started]))
      .when(started)
      .thenNothingHappened();
  });

  it('owes a post-implementation review when an emergency closes', () => {
    // Emergencies need no lead time: a notice an hour before the window is in time.
    const closed = history([
      ...emergencyDraft,
      submit,
      approve('bob'),
      window(),
      ...beforeNoticeAt(new Date('2026-12-12T19:00:00Z')),
      ready,
      started,
      { type: 'FollowExecution', status: 'Monitoring', causedByEventId: 'e2' },
      ...afterNotice,
      { type: 'CloseUpgrade', causedByEventId: 'e3' },
    ]);
    expect(closed.at(-1)).toMatchObject({
      type: 'UpgradeClosed',
      payload: { outcome: 'succeeded', postImplementationReviewRequired: true },
    });
  });
});
