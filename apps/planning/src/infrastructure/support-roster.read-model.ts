import { Injectable } from '@nestjs/common';
import { Database } from '@upgrade-control/platform';
import { RosterReadModel, type RosterShift } from '../application/support-roster.js';

/** The support_roster table (support-roster.projection.ts). */
@Injectable()
export class SqlRosterReadModel extends RosterReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async shifts(from: string, to: string): Promise<RosterShift[]> {
    const rows = await this.db.query<Omit<RosterShift, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date }>(
      `SELECT shift_id AS "shiftId", role, principal, starts_at AS "startsAt", ends_at AS "endsAt", recorded_by AS "recordedBy"
         FROM support_roster WHERE NOT cancelled AND starts_at < $2 AND ends_at > $1 ORDER BY starts_at, shift_id`,
      [from, to],
    );
    // The coverage check compares ISO instants, as the events carry them.
    return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
  }
}
