import { z } from 'zod';

export const id = z.string().min(1).max(200);
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const versionString = z.string().min(1).max(100);
export const nonEmptyText = z.string().trim().min(1).max(4000);

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export const criticality = z.enum(CRITICALITIES);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** A weekly recurrence such as weekdays 08:00–18:00 in Europe/Berlin. */
export const peakPeriod = z.object({
  name: z.string().min(1),
  days: z.array(z.enum(WEEKDAYS)).min(1),
  from: clock,
  to: clock,
  timeZone: z.string().min(1),
});
export type PeakPeriod = z.infer<typeof peakPeriod>;

export const assetVersion = z.object({ assetId: id, fromVersion: versionString, toVersion: versionString });
