import { uuidv7 } from './uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 identifier carrying the millisecond it was made in', () => {
    const at = Date.parse('2026-11-27T01:40:00.123Z');
    const id = uuidv7(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in the order identifiers were made, within one millisecond too', () => {
    const at = Date.parse('2026-11-27T01:41:00Z');
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });

  it('keeps sorting when the clock steps back', () => {
    const later = uuidv7(Date.parse('2026-11-27T01:43:00Z'));
    const afterStepBack = uuidv7(Date.parse('2026-11-27T01:42:00Z'));
    expect(afterStepBack > later).toBe(true);
  });
});
