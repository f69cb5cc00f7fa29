/**
 * Canonical JSON (RFC 8785 style): object keys sorted by UTF-16 code units, no whitespace.
 * PostgreSQL's jsonb reorders keys, so hashes must not depend on key order.
 *
 * An auditor's replay hashes every event: written as loops over the sorted keys (the default sort
 * compares UTF-16 code units), with each key's quoted form remembered since the same few keys
 * recur in every envelope; the entries/filter/map/join version spent its time allocating (issue 19).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    if (value === undefined) throw new TypeError('undefined is not JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i] ?? null);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quoted(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

const QUOTED = new Map<string, string>();

/** A key's JSON form; keys seen are kept, up to a bound (payload keys can be data, e.g. metric names). */
function quoted(key: string): string {
  let form = QUOTED.get(key);
  if (form === undefined) {
    form = JSON.stringify(key);
    if (QUOTED.size < 10_000) QUOTED.set(key, form);
  }
  return form;
}
