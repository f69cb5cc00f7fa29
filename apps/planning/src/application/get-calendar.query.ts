import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
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

@QueryHandler(GetCalendar)
export class GetCalendarHandler implements IQueryHandler<GetCalendar> {
  constructor(private readonly calendar: CalendarReadModel) {}

  async execute({ from, to }: GetCalendar): Promise<CalendarPeriod> {
    const [freezes, upgrades] = await Promise.all([
      this.calendar.freezes(from, to),
      this.calendar.upgradeWindows(from, to),
    ]);
    return { from, to, freezes, upgrades };
  }
}
