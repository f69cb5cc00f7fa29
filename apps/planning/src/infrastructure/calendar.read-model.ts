import { Injectable } from '@nestjs/common';
import { Database } from '@upgrade-control/platform';
import { CalendarReadModel, type CalendarFreeze, type UpgradeWindow } from '../application/calendar-read-model.js';

/** The calendar table and the windows of the plans table (plans.projection.ts). */
@Injectable()
export class SqlCalendarReadModel extends CalendarReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  freezes(from: string, to: string): Promise<CalendarFreeze[]> {
    return this.db.query<CalendarFreeze>(
      `SELECT freeze_id AS "freezeId", kind, name, starts_at AS "startsAt", ends_at AS "endsAt", scope, reason FROM calendar WHERE starts_at < $2 AND ends_at > $1 ORDER BY starts_at`,
      [from, to],
    );
  }

  upgradeWindows(from: string, to: string): Promise<UpgradeWindow[]> {
    return this.db.query<UpgradeWindow>(
      `SELECT upgrade_id AS "upgradeId", title, status, window_starts AS "startsAt", window_ends AS "endsAt", asset_ids AS "assetIds" FROM plans
          WHERE window_starts < $2 AND window_ends > $1 AND status NOT IN ('Cancelled', 'Rejected') ORDER BY window_starts`,
      [from, to],
    );
  }
}
