import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import type { OnCallShift } from '../domain/support/coverage.js';

/** A shift on the support roster as it is listed: who recorded it too. */
export interface RosterShift extends OnCallShift {
  recordedBy: string;
}

/** Port: the support roster's shifts that still hold (support-roster.read-model.ts). */
export abstract class RosterReadModel {
  /** Every shift not cancelled that overlaps [from, to), by start: the readiness check's coverage. */
  abstract shifts(from: string, to: string): Promise<RosterShift[]>;

  /** A page of those shifts, by (start, shiftId): the listing. */
  abstract page(from: string, to: string, page: PageRequest): Promise<Page<RosterShift>>;
}

export interface RosterPeriod extends Page<RosterShift> {
  from: string;
  to: string;
}

/** A page of who is on call for which support role in a period. */
export class GetRoster extends Query<RosterPeriod> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export const GetRosterHandler = queryHandlerFor(GetRoster, RosterReadModel, async (roster, { from, to, page }) => ({
  from,
  to,
  ...(await roster.page(from, to, page)),
}));

/** Every shift on call in a period, unpaged: what a window's coverage is judged on, never a listing. */
export class GetOnCall extends Query<RosterShift[]> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export const GetOnCallHandler = queryHandlerFor(GetOnCall, RosterReadModel, (roster, { from, to }) =>
  roster.shifts(from, to),
);
