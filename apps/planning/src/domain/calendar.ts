import type { PeakPeriod } from '@upgrade-control/contracts';

export interface Interval {
  startsAt: string;
  endsAt: string;
}

export const overlaps = (a: Interval, b: Interval) =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

const WEEKDAY_INDEX = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - instant;
}

/** The UTC instant of a wall-clock time on a local date in a zone. */
function zonedToUtc(year: number, month: number, day: number, clock: string, timeZone: string): number {
  const [h, m] = clock.split(':').map(Number);
  const naive = Date.UTC(year, month, day, h!, m!);
  const first = naive - zoneOffset(naive, timeZone);
  return naive - zoneOffset(first, timeZone);
}

/** Occurrences of a weekly peak period that overlap the interval (checked day by day in the zone). */
export function peakOccurrencesIn(period: PeakPeriod, window: Interval): Interval[] {
  const found: Interval[] = [];
  const start = Date.parse(window.startsAt) - 86_400_000;
  const end = Date.parse(window.endsAt) + 86_400_000;
  for (let t = start; t <= end; t += 86_400_000) {
    const local = new Date(t + zoneOffset(t, period.timeZone));
    const [y, mo, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
    if (!period.days.includes(WEEKDAY_INDEX[local.getUTCDay()] as PeakPeriod['days'][number])) continue;
    const occurrence = {
      startsAt: new Date(zonedToUtc(y, mo, d, period.from, period.timeZone)).toISOString(),
      endsAt: new Date(zonedToUtc(y, mo, d, period.to, period.timeZone)).toISOString(),
    };
    if (overlaps(occurrence, window) && !found.some((f) => f.startsAt === occurrence.startsAt)) found.push(occurrence);
  }
  return found;
}
