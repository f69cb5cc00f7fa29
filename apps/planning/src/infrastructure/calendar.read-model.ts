import { Injectable } from '@nestjs/common';
import { Database, pageOf, type PageRequest } from '@upgrade-control/platform';
import {
  CalendarReadModel,
  type CalendarFreeze,
  type CalendarPage,
  type UpgradeWindow,
} from '../application/calendar-read-model.js';

/** A freeze or a plan's window as one row of the merged calendar (the other kind's columns null). */
type EntryRow = { entry: 'freeze' | 'upgrade'; id: string; startsAt: Date; endsAt: Date } & Record<string, unknown>;

/**
 * The calendar table and the windows of the plans table (plans.projection.ts), merged in SQL so
 * one keyset (start, id) orders and pages both kinds (ADR 27).
 */
@Injectable()
export class SqlCalendarReadModel extends CalendarReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  async period(from: string, to: string, page: PageRequest): Promise<CalendarPage> {
    const [startsAt = null, id = null] = page.after ?? [];
    const rows = await this.db.query<EntryRow>(
      `SELECT * FROM (
           SELECT 'freeze' AS entry, freeze_id AS id, kind, name, NULL::text AS status, starts_at AS "startsAt",
                  ends_at AS "endsAt", scope, reason, NULL::text[] AS "assetIds"
             FROM calendar WHERE starts_at < $2 AND ends_at > $1
           UNION ALL
           SELECT 'upgrade', upgrade_id, NULL, title, status, window_starts, window_ends, NULL, NULL, asset_ids
             FROM plans WHERE window_starts < $2 AND window_ends > $1 AND status NOT IN ('Cancelled', 'Rejected')
         ) e
        WHERE $3::timestamptz IS NULL OR ("startsAt", id) > ($3::timestamptz, $4::text)
        ORDER BY "startsAt", id LIMIT $5`,
      [from, to, startsAt, id, page.limit + 1],
    );
    const { items, next } = pageOf(rows, page, (row) => [row.startsAt.toISOString(), row.id]);
    return {
      freezes: items.filter((row) => row.entry === 'freeze').map(asFreeze),
      upgrades: items.filter((row) => row.entry === 'upgrade').map(asWindow),
      next,
    };
  }
}

const asFreeze = ({ id, kind, name, startsAt, endsAt, scope, reason }: EntryRow): CalendarFreeze =>
  ({ freezeId: id, kind, name, startsAt, endsAt, scope, reason }) as CalendarFreeze;

const asWindow = ({ id, name, status, startsAt, endsAt, assetIds }: EntryRow): UpgradeWindow =>
  ({ upgradeId: id, title: name, status, startsAt, endsAt, assetIds }) as UpgradeWindow;
