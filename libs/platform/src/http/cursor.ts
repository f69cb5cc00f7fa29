import { invalidInput } from './problem.js';

/** Where a page ends in a list's order: the values of its sort key, last item first to last. */
export type CursorPosition = readonly (string | number)[];
/** `timestamp` (an ISO instant) and `date` are checked here, so a forged one never reaches a SQL cast. */
export type CursorShape = readonly ('string' | 'number' | 'timestamp' | 'date')[];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const fitsKind = (value: unknown, kind: CursorShape[number]): boolean => {
  if (kind === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'string' || value.length > 400) return false;
  if (kind === 'string') return true;
  const pattern = kind === 'date' ? ISO_DATE : ISO_INSTANT;
  return pattern.test(value) && !Number.isNaN(Date.parse(value));
};

const refused = (message: string) => invalidInput([{ field: 'cursor', rule: 'cursor', message }]);

/** An opaque cursor: the position as base64url JSON. Clients pass it back; they never read it. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The position a cursor names, checked against the list's key shape: anything else (edited,
 * truncated, from another list) is a 400 naming `cursor`, never a 500 from the query.
 */
export function decodeCursor(cursor: string, shape: CursorShape): CursorPosition {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw refused('cursor must be a value a previous page returned as next');
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused('cursor is not one this service issued');
  }
  const fits =
    Array.isArray(position) &&
    position.length === shape.length &&
    position.every((value, i) => fitsKind(value, shape[i]!));
  if (!fits) throw refused('cursor is not one this list issued');
  return position as CursorPosition;
}
