import { canonicalJson } from '../canonical-json.js';

/**
 * What changed in a configuration between two snapshots, path by path. Shared by inventory (the
 * diff endpoint) and the upgrade record (before and after apply). Snapshots hold secrets only as
 * references, so the values are safe to show.
 */
export interface SnapshotDiff {
  added: { path: string; value: unknown }[];
  removed: { path: string; value: unknown }[];
  changed: { path: string; before: unknown; after: unknown }[];
}

/** Leaf-by-leaf difference; arrays are compared by index, so a reordered list shows as changes. */
export function diffConfigurations(before: unknown, after: unknown): SnapshotDiff {
  const [a, b] = [flatten(before), flatten(after)];
  const diff: SnapshotDiff = { added: [], removed: [], changed: [] };
  for (const [path, value] of b) if (!a.has(path)) diff.added.push({ path, value });
  for (const [path, value] of a) {
    if (!b.has(path)) diff.removed.push({ path, value });
    else if (canonicalJson(value) !== canonicalJson(b.get(path)))
      diff.changed.push({ path, before: value, after: b.get(path) });
  }
  return diff;
}

function flatten(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const isContainer = value !== null && typeof value === 'object';
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : isContainer
      ? Object.entries(value).map(([k, v]) => [`.${k}`, v] as const)
      : [];
  if (!isContainer || entries.length === 0) {
    out.set(path || '$', value);
    return out;
  }
  for (const [suffix, child] of entries) flatten(child, `${path}${suffix}`.replace(/^\./, ''), out);
  return out;
}
