/** One statement with `$1…` parameters. */
export interface Statement {
  sql: string;
  parameters: unknown[];
}

/**
 * `INSERT INTO t (columns) VALUES ($1, …, $n)`, optionally `ON CONFLICT … DO NOTHING`: the only
 * shape merged. A DO UPDATE may not touch one row twice in one statement, and RETURNING would
 * answer for many rows, so neither is merged.
 */
const SINGLE_ROW_INSERT =
  /^(\s*INSERT\s+INTO\s+[^()]+\([^()]*\)\s*VALUES\s*)\(([^()]*)\)(\s*(?:ON\s+CONFLICT\s*(?:\([^()]*\))?\s*DO\s+NOTHING)?\s*)$/i;
/** Far below PostgreSQL's 65,535 parameters of one statement. */
const MAX_PARAMETERS = 30_000;

interface Shape {
  head: string;
  tail: string;
  width: number;
}

/** The statement's parts when it is a single-row INSERT whose placeholders are $1…$n in order. */
function shapeOf({ sql, parameters }: Statement): Shape | null {
  const match = SINGLE_ROW_INSERT.exec(sql);
  if (!match) return null;
  const placeholders = match[2]!.split(',').map((p) => p.trim());
  if (placeholders.length !== parameters.length || placeholders.some((p, i) => p !== `$${i + 1}`)) return null;
  return { head: match[1]!, tail: match[3]!, width: parameters.length };
}

/**
 * The statements in the same order, each run of consecutive identical single-row INSERTs written
 * as one multi-row INSERT (rows in the same order, so serials and triggers see them as before).
 * A batch of consumed events writes one record-log row per event: one round trip instead of
 * hundreds (issue 19).
 */
export function mergeInserts(statements: Statement[]): Statement[] {
  const merged: Statement[] = [];
  for (let i = 0; i < statements.length;) {
    const shape = shapeOf(statements[i]!);
    let end = i + 1;
    if (shape) {
      const rows = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, shape.width)));
      while (end < statements.length && end - i < rows && statements[end]!.sql === statements[i]!.sql) end++;
    }
    merged.push(end - i === 1 ? statements[i]! : rowsOf(shape!, statements.slice(i, end)));
    i = end;
  }
  return merged;
}

function rowsOf({ head, tail, width }: Shape, run: Statement[]): Statement {
  const values = run.map(
    (_, row) => `(${Array.from({ length: width }, (_, c) => `$${row * width + c + 1}`).join(', ')})`,
  );
  return { sql: `${head}${values.join(', ')}${tail}`, parameters: run.flatMap((s) => s.parameters) };
}
