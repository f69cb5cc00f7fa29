import { decodeCursor, encodeCursor } from './cursor.js';
import { pageOf, pageRequest } from './page.js';
import type { ProblemException } from './problem.js';

const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('expected a refusal');
};

describe('cursor codec', () => {
  it('gives back the position it encoded', () => {
    const cursor = encodeCursor(['2026-11-26T10:00:00.000Z', 'upgrade-7', 3]);
    expect(decodeCursor(cursor, ['string', 'string', 'number'])).toEqual(['2026-11-26T10:00:00.000Z', 'upgrade-7', 3]);
  });

  it('refuses a timestamp position that is no instant, before it reaches a SQL cast', () => {
    expect(refusalOf(() => decodeCursor(encodeCursor(['yesterday', 'u1']), ['timestamp', 'string'])).errors).toEqual([
      { field: 'cursor', rule: 'cursor', message: 'cursor is not one this list issued' },
    ]);
    expect(decodeCursor(encodeCursor(['2026-11-26T10:00:00.123Z', 'u1']), ['timestamp', 'string'])).toEqual([
      '2026-11-26T10:00:00.123Z',
      'u1',
    ]);
  });

  it('is opaque and URL-safe', () => {
    expect(encodeCursor(['a/b+c?d=e&f', 1])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor that is not base64url, naming the field and rule', () => {
    expect(refusalOf(() => decodeCursor('not a cursor!', ['string']))).toMatchObject({
      status: 400,
      errors: [{ field: 'cursor', rule: 'cursor', message: 'cursor must be a value a previous page returned as next' }],
    });
  });

  it('refuses base64url that is not JSON', () => {
    const garbage = Buffer.from('{{{').toString('base64url');
    expect(refusalOf(() => decodeCursor(garbage, ['string'])).errors).toEqual([
      { field: 'cursor', rule: 'cursor', message: 'cursor is not one this service issued' },
    ]);
  });

  it("refuses another list's cursor: the key shape differs", () => {
    expect(refusalOf(() => decodeCursor(encodeCursor(['a', 'b']), ['string', 'number'])).errors).toEqual([
      { field: 'cursor', rule: 'cursor', message: 'cursor is not one this list issued' },
    ]);
  });
});

describe('pages', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('shows `limit` rows and a next cursor after the last one shown when a row is left', () => {
    const page = pageOf(rows, { limit: 2, after: null }, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor(page.next!, ['string'])).toEqual(['b']);
  });

  it('ends with a null next when nothing is left', () => {
    expect(pageOf(rows, { limit: 3, after: null }, (r) => [r.id])).toEqual({ items: rows, next: null });
  });

  it('reads 50 from the start unless told otherwise', () => {
    expect(pageRequest({}, ['string'])).toEqual({ limit: 50, after: null });
    expect(pageRequest({ limit: 7, cursor: encodeCursor(['x']) }, ['string'])).toEqual({ limit: 7, after: ['x'] });
  });
});
