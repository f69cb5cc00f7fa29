import { deciderSpec } from '@upgrade-control/platform/testing';
import { draftCommands, history, readyCommands } from '../../../../../test/support/fixtures/upgrade-plan.js';
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
});
