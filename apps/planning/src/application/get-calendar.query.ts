import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { CalendarReadModel, type CalendarFreeze, type UpgradeWindow } from './calendar-read-model.js';

export interface CalendarPeriod {
  from: string;
  to: string;
  freezes: CalendarFreeze[];
  upgrades: UpgradeWindow[];
}

/** Freezes, blackouts and scheduled upgrade windows in a period. */
export class GetCalendar extends Query<CalendarPeriod> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export const GetCalendarHandler = queryHandlerFor(GetCalendar, CalendarReadModel, async (calendar, { from, to }) => {
  const [freezes, upgrades] = await Promise.all([calendar.freezes(from, to), calendar.upgradeWindows(from, to)]);
  return { from, to, freezes, upgrades };
});
