import type { PageRequest } from '@upgrade-control/platform';
import type { DeclareFreeze } from '../domain/change-calendar.decider.js';
import type { PlanStatus } from '../domain/upgrade-plan.state.js';

/** A freeze or blackout on the calendar. */
export interface CalendarFreeze {
  freezeId: string;
  kind: DeclareFreeze['kind'];
  name: string;
  startsAt: Date;
  endsAt: Date;
  scope: DeclareFreeze['scope'];
  reason: string;
}

/** A scheduled upgrade window on the calendar. */
export interface UpgradeWindow {
  upgradeId: string;
  title: string;
  status: PlanStatus;
  startsAt: Date;
  endsAt: Date;
  assetIds: string[];
}

/** One page of the calendar: freezes and windows together at most `limit`, the cursor of the next page. */
export interface CalendarPage {
  freezes: CalendarFreeze[];
  upgrades: UpgradeWindow[];
  next: string | null;
}

/** Port: the change calendar (freezes, blackouts) and the plans' windows over a period. */
export abstract class CalendarReadModel {
  /**
   * Freezes, blackouts and windows of plans neither cancelled nor rejected overlapping [from, to),
   * as one list by (start, id), split by kind: one cursor pages through both.
   */
  abstract period(from: string, to: string, page: PageRequest): Promise<CalendarPage>;
}
