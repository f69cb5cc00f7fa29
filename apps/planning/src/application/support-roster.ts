import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { OnCallShift } from '../domain/support/coverage.js';

/** A shift on the support roster as it is listed: who recorded it too. */
export interface RosterShift extends OnCallShift {
  recordedBy: string;
}

/** Port: the support roster's shifts that still hold (support-roster.read-model.ts). */
export abstract class RosterReadModel {
  /** Shifts not cancelled that overlap [from, to), by start. */
  abstract shifts(from: string, to: string): Promise<RosterShift[]>;
}

export interface RosterPeriod {
  from: string;
  to: string;
  shifts: RosterShift[];
}

/** Who is on call for which support role in a period. */
export class GetRoster extends Query<RosterPeriod> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export const GetRosterHandler = queryHandlerFor(GetRoster, RosterReadModel, async (roster, { from, to }) => ({
  from,
  to,
  shifts: await roster.shifts(from, to),
}));
