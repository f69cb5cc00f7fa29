import type { StreamDecider } from '@upgrade-control/platform';
import { changeCalendarDecider, freezeStreamId, type DeclareFreeze } from '../domain/change-calendar.decider.js';
import { rosterDecider, shiftStreamId, type RosterCommand } from '../domain/support/roster.decider.js';
import type { PlanCommand } from '../domain/upgrade-plan.commands.js';
import { upgradePlanDecider, upgradeStreamId } from '../domain/upgrade-plan.decider.js';

/** One stream per upgrade plan: what every `Decide` on a plan is routed to. */
export const upgradePlanStream: StreamDecider<PlanCommand> = {
  decider: upgradePlanDecider,
  streamId: upgradeStreamId,
};

/** One stream per freeze or blackout on the change calendar. */
export const changeCalendarStream: StreamDecider<DeclareFreeze> = {
  decider: changeCalendarDecider,
  streamId: freezeStreamId,
};

/** One stream per shift on the support roster. */
export const supportRosterStream: StreamDecider<RosterCommand> = {
  decider: rosterDecider,
  streamId: shiftStreamId,
};
