import type { PayloadOf, SupportShiftCancelled, SupportShiftRecorded } from '@upgrade-control/contracts';
import type { StatementProjection } from '@upgrade-control/platform';

/**
 * The support roster's table, written with the shift's event (ADR 9). A shift is recorded once and
 * cancelled at most once, so applying an event again changes nothing (ADR 10).
 */
export const projectSupportRoster: StatementProjection = (event) => {
  switch (event.type) {
    case 'SupportShiftRecorded': {
      const p = event.payload as PayloadOf<typeof SupportShiftRecorded>;
      return [
        {
          sql: `INSERT INTO support_roster (shift_id, role, principal, starts_at, ends_at, recorded_by)
                VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (shift_id) DO NOTHING`,
          parameters: [p.shiftId, p.role, p.principal, p.startsAt, p.endsAt, p.recordedBy],
        },
      ];
    }
    case 'SupportShiftCancelled': {
      const p = event.payload as PayloadOf<typeof SupportShiftCancelled>;
      return [{ sql: 'UPDATE support_roster SET cancelled = true WHERE shift_id = $1', parameters: [p.shiftId] }];
    }
    default:
      return [];
  }
};
