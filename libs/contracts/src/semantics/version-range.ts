import semver from 'semver';

/**
 * Versions are compared as semver where they are semver or plain dotted numbers ("15", "15.6",
 * padded to 15.6.0). Anything else (firmware "R2024a", "2019-CU5") is compared in natural order:
 * split into runs of digits and non-digits; digit runs compare as numbers, other runs as text
 * (case-insensitive), and a version that is a prefix of another is the lower one.
 */
export function toSemver(version: string): string | null {
  if (semver.valid(version)) return version;
  if (/^\d+(\.\d+){0,2}$/.test(version)) {
    const parts = version.split('.');
    while (parts.length < 3) parts.push('0');
    return parts.map(Number).join('.');
  }
  return null;
}

export function naturalCompare(a: string, b: string): number {
  const chunks = (v: string) => v.toLowerCase().match(/\d+|\D+/g) ?? [];
  const [x, y] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const order = numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(x.length - y.length);
}

const OPERATORS: Record<string, (order: number) => boolean> = {
  '': (o) => o === 0,
  '=': (o) => o === 0,
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

type Comparator = { operator: string; version: string };

/** "a b || c": alternatives of comparator sets; each comparator an operator and a version. */
function naturalRange(range: string): Comparator[][] | null {
  const sets = range.split('||').map((set) =>
    set
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((token) => /^(>=|<=|>|<|=)?([\w.+-]+)$/.exec(token)),
  );
  if (sets.some((set) => set.length === 0 || set.some((m) => m === null))) return null;
  return sets.map((set) => set.map((m) => ({ operator: m![1] ?? '', version: m![2]! })));
}

export function isValidRange(range: string): boolean {
  return semver.validRange(range) !== null || naturalRange(range) !== null;
}

export function satisfies(version: string, range: string): boolean {
  const asSemver = toSemver(version);
  if (asSemver && semver.validRange(range)) return semver.satisfies(asSemver, range);
  const sets = semver.validRange(range)
    ? new semver.Range(range).set.map((set) =>
        set.map((c) => ({ operator: c.operator, version: c.value === '' ? '' : c.semver.version })),
      )
    : naturalRange(range);
  if (!sets) return false;
  return sets.some((set) =>
    set.every((c) => c.version === '' || OPERATORS[c.operator]!(naturalCompare(version, c.version))),
  );
}
