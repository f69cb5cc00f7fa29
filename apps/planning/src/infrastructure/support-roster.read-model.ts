import { Injectable } from '@nestjs/common';
import { Database, pageOf, type Page, type PageRequest } from '@upgrade-control/platform';
import { RosterReadModel, type RosterShift } from '../application/support-roster.js';

type ShiftRow = Omit<RosterShift, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date };

const SHIFT_COLUMNS = `shift_id AS "shiftId", role, principal, starts_at AS "startsAt", ends_at AS "endsAt", recorded_by AS "recordedBy"`;

// The coverage check compares ISO instants, as the events carry them.
const asShift = (r: ShiftRow): RosterShift => ({
  ...r,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
});

/** The support_roster table (support-roster.projection.ts). */
@Injectable()
export class SqlRosterReadModel extends RosterReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async shifts(from: string, to: string): Promise<RosterShift[]> {
    const rows = await this.db.query<ShiftRow>(
      `SELECT ${SHIFT_COLUMNS} FROM support_roster
        WHERE NOT cancelled AND starts_at < $2 AND ends_at > $1 ORDER BY starts_at, shift_id`,
      [from, to],
    );
    return rows.map(asShift);
  }

  /** A keyset page by (starts_at, shift_id) (ADR 27). */
  async page(from: string, to: string, page: PageRequest): Promise<Page<RosterShift>> {
    const [startsAt = null, shiftId = null] = page.after ?? [];
    const rows = await this.db.query<ShiftRow>(
      `SELECT ${SHIFT_COLUMNS} FROM support_roster
        WHERE NOT cancelled AND starts_at < $2 AND ends_at > $1
          AND ($3::timestamptz IS NULL OR (starts_at, shift_id) > ($3::timestamptz, $4::text))
        ORDER BY starts_at, shift_id LIMIT $5`,
      [from, to, startsAt, shiftId, page.limit + 1],
    );
    return pageOf(rows.map(asShift), page, (shift) => [shift.startsAt, shift.shiftId]);
  }
}
