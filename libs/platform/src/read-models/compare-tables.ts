import type { Database } from '../database/database.js';
import type { ReadModelTable } from './read-models.js';

export interface TableDifference {
  table: string;
  /** Rows only the live database has, only the rebuild has, and rows that differ (by key). */
  onlyLive: unknown[];
  onlyRebuilt: unknown[];
  changed: { key: unknown; live: unknown; rebuilt: unknown }[];
}

type Row = { key: string; row: Record<string, unknown> };

async function rows(db: Database, table: ReadModelTable): Promise<Map<string, Record<string, unknown>>> {
  const key = table.key.map((c) => `"${c}"`).join(', ');
  // jsonb normalises every value (arrays, timestamps, json) the same way in both databases.
  const result = await db.query<Row>(
    `SELECT jsonb_build_array(${key})::text AS key, to_jsonb(t) - $1::text[] AS row FROM "${table.name}" t ORDER BY ${key}`,
    [table.ignore ?? []],
  );
  return new Map(result.map((r) => [r.key, r.row]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;

/** Each table, row by row: what the rebuild lacks, adds or has otherwise. Empty when they agree. */
export async function compareTables(
  live: Database,
  rebuilt: Database,
  tables: ReadModelTable[],
): Promise<TableDifference[]> {
  const differences: TableDifference[] = [];
  for (const table of tables) {
    const [a, b] = [await rows(live, table), await rows(rebuilt, table)];
    const difference: TableDifference = { table: table.name, onlyLive: [], onlyRebuilt: [], changed: [] };
    for (const [key, row] of a) {
      const other = b.get(key);
      if (other === undefined) difference.onlyLive.push(row);
      else if (!same(row, other)) difference.changed.push({ key: JSON.parse(key), live: row, rebuilt: other });
    }
    for (const [key, row] of b) if (!a.has(key)) difference.onlyRebuilt.push(row);
    if (difference.onlyLive.length + difference.onlyRebuilt.length + difference.changed.length > 0)
      differences.push(difference);
  }
  return differences;
}
