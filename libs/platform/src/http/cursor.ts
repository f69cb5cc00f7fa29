import { invalidInput } from './problem.js';

/** Where a page ends in a list's order: the values of its sort key, last item first to last. */
export type CursorPosition = readonly (string | number)[];
export type CursorShape = readonly ('string' | 'number')[];

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
    position.every((value, i) =>
      shape[i] === 'number' ? Number.isSafeInteger(value) : typeof value === 'string' && value.length <= 400,
    );
  if (!fits) throw refused('cursor is not one this list issued');
  return position as CursorPosition;
}
