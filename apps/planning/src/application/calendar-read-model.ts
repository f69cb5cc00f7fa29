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

/** Port: the change calendar (freezes, blackouts) and the plans' windows over a period. */
export abstract class CalendarReadModel {
  /** Freezes and blackouts overlapping [from, to), by start. */
  abstract freezes(from: string, to: string): Promise<CalendarFreeze[]>;

  /** Windows of plans neither cancelled nor rejected overlapping [from, to), by start. */
  abstract upgradeWindows(from: string, to: string): Promise<UpgradeWindow[]>;
}
