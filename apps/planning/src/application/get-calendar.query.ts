import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type PageRequest } from '@upgrade-control/platform';
import { CalendarReadModel, type CalendarPage } from './calendar-read-model.js';

export interface CalendarPeriod extends CalendarPage {
  from: string;
  to: string;
}

/** A page of the freezes, blackouts and scheduled upgrade windows in a period. */
export class GetCalendar extends Query<CalendarPeriod> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const GetCalendarHandler = queryHandlerFor(
  GetCalendar,
  CalendarReadModel,
  async (calendar, { from, to, page }) => ({
    from,
    to,
    ...(await calendar.period(from, to, page)),
  }),
);
