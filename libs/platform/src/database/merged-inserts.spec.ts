import { mergeInserts } from './merged-inserts.js';

const RECORD = 'INSERT INTO record_events (event_id, type) VALUES ($1,$2) ON CONFLICT (event_id) DO NOTHING';
const record = (id: string) => ({ sql: RECORD, parameters: [id, 'StepCompleted'] });

describe('mergeInserts', () => {
  it('writes consecutive identical single-row INSERTs as one multi-row INSERT, rows in order', () => {
    expect(mergeInserts([record('a'), record('b'), record('c')])).toEqual([
      {
        sql: 'INSERT INTO record_events (event_id, type) VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT (event_id) DO NOTHING',
        parameters: ['a', 'StepCompleted', 'b', 'StepCompleted', 'c', 'StepCompleted'],
      },
    ]);
  });

  it('keeps the order around other statements, merging only runs next to each other', () => {
    const update = { sql: 'UPDATE upgrades SET state = $1 WHERE id = $2', parameters: ['x', 'u'] };
    const merged = mergeInserts([record('a'), record('b'), update, record('c')]);
    expect(merged.map((s) => s.parameters)).toEqual([
      ['a', 'StepCompleted', 'b', 'StepCompleted'],
      ['x', 'u'],
      ['c', 'StepCompleted'],
    ]);
    expect(merged[2]).toEqual(record('c'));
  });

  it('leaves alone what one statement may not do for many rows: DO UPDATE, RETURNING', () => {
    const upsert = {
      sql: 'INSERT INTO rows (id, n) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n',
      parameters: ['a', 1],
    };
    const returning = { sql: 'INSERT INTO rows (id, n) VALUES ($1, $2) RETURNING id', parameters: ['a', 1] };
    expect(mergeInserts([upsert, upsert, returning, returning])).toEqual([upsert, upsert, returning, returning]);
  });

  it('leaves alone INSERTs whose placeholders are not $1…$n in order, or that compute a value', () => {
    const swapped = { sql: 'INSERT INTO rows (id, n) VALUES ($2, $1)', parameters: [1, 'a'] };
    const computed = { sql: 'INSERT INTO rows (id, at) VALUES ($1, now())', parameters: ['a'] };
    expect(mergeInserts([swapped, swapped, computed, computed])).toEqual([swapped, swapped, computed, computed]);
  });

  it('splits a run that would exceed the parameters one statement may carry', () => {
    const many = Array.from({ length: 16_000 }, (_, i) => record(`e${i}`));
    const merged = mergeInserts(many);
    expect(merged.map((s) => s.parameters.length)).toEqual([30_000, 2_000]);
    expect(merged.flatMap((s) => s.parameters)).toEqual(many.flatMap((s) => s.parameters));
  });
});
