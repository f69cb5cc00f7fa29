import type { Decider } from '@upgrade-control/platform/domain';
import { decide } from './upgrade-plan/decide.js';
import { evolve } from './upgrade-plan/evolve.js';
import type { PlanCommand } from './upgrade-plan.commands.js';
import type { PlanEvent, PlanState } from './upgrade-plan.state.js';

/** The upgrade plan: one rule per command under ./upgrade-plan/, by lifecycle phase. */
export const upgradePlanDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'None' }),
};

export const upgradeStreamId = (upgradeId: string) => `upgrade-${upgradeId}`;
