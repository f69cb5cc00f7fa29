import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isoDate, isoDateTime } from '@upgrade-control/contracts';

/**
 * Validation rules a DTO shares with the event contracts, so that whatever passes the DTO also
 * passes the contract at append time (a refusal there is a 500, not a 400). Each rule's name is
 * the `rule` a 400 reports.
 */

/** A year range every date computation (window plus estimates, monitoring end) stays inside. */
const EARLIEST_YEAR = 1970;
const LATEST_YEAR = 8999;
/** Minutes fields are added to dates; a year of them is more than any window or period needs. */
export const MAX_MINUTES = 366 * 24 * 60;

const inYearRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

/** The contracts' date-time (offset required, real calendar date) in the years PostgreSQL and our arithmetic handle. */
export const isIsoDateTime = (value: unknown): value is string =>
  typeof value === 'string' && isoDateTime.safeParse(value).success && inYearRange(value);

/** A DTO decorator for one rule; `name` is the `rule` a 400 reports. */
const rule = (name: string, validate: (value: unknown) => boolean, message: string) => (options?: ValidationOptions) =>
  ValidateBy({ name, validator: { validate, defaultMessage: () => message } }, options);

/** An integer the contracts' z.number().int() accepts: 1e300 is an integer to JavaScript, not to them. */
export const IsSafeInt = rule(
  'isSafeInteger',
  (value) => Number.isSafeInteger(value),
  '$property must be an integer within ±(2^53 - 1)',
);

/** An RFC 3339 date-time with an offset and a real calendar date: 2027-02-30T10:00:00Z is refused. */
export const IsIsoDateTime = rule(
  'isDateTime',
  isIsoDateTime,
  `$property must be a date-time with a real calendar date and an offset, such as 2027-01-16T20:00:00Z, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
);

/** A real calendar date, YYYY-MM-DD: 2027-02-30 is refused. */
export const IsIsoDate = rule(
  'isDate',
  (value) => typeof value === 'string' && isoDate.safeParse(value).success && inYearRange(value),
  `$property must be a real calendar date (YYYY-MM-DD) in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
);

/** Text the contracts take as non-empty after trimming: white space alone says nothing. */
export const IsNotBlank = rule(
  'isNotBlank',
  (value) => typeof value === 'string' && value.trim().length > 0,
  '$property must contain more than white space',
);

/** A flat object of string values, such as asset attributes ({ vendor: "PGDG" }). */
export const IsStringRecord = rule(
  'isStringRecord',
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string'),
  '$property must be an object whose values are all strings',
);
