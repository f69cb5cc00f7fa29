import type { PayloadOf } from '../define-event.js';
import type { CompatibilityRuleDeclared } from '../events/inventory.js';
import { satisfies } from './version-range.js';

/** What a declared rule means is part of the contract: every service must read it the same way. */
export type CompatibilityRule = PayloadOf<typeof CompatibilityRuleDeclared>;

export interface AssetAtVersion {
  assetId: string;
  name: string;
  product: string;
  version: string;
}

export interface Finding {
  status: 'compatible' | 'incompatible' | 'unknown';
  ruleId: string | null;
  asset: AssetAtVersion;
  other: AssetAtVersion;
  rule: string | null;
  source: string | null;
  reason: string | null;
}

export const describeRule = (r: CompatibilityRule) =>
  `${r.product} ${r.versionRange} requires ${r.requiresProduct} ${r.requiresRange}`;

/**
 * Checks one related pair at its proposed versions against every rule about the two products.
 * A rule binds only when its subject is in the rule's version range. No binding rule in either
 * direction means the pair is unknown — never silently compatible.
 */
export function assessPair(a: AssetAtVersion, b: AssetAtVersion, rules: readonly CompatibilityRule[]): Finding[] {
  const binding = [
    ...rules
      .filter((r) => r.product === a.product && r.requiresProduct === b.product && satisfies(a.version, r.versionRange))
      .map((r) => [r, a, b] as const),
    ...rules
      .filter((r) => r.product === b.product && r.requiresProduct === a.product && satisfies(b.version, r.versionRange))
      .map((r) => [r, b, a] as const),
  ];
  if (binding.length === 0) {
    return [
      {
        status: 'unknown',
        ruleId: null,
        asset: a,
        other: b,
        rule: null,
        source: null,
        reason: `no rule covers ${a.product} ${a.version} with ${b.product} ${b.version}`,
      },
    ];
  }
  const findings = binding.map(([rule, subject, required]): Finding => ({
    status: satisfies(required.version, rule.requiresRange) ? 'compatible' : 'incompatible',
    ruleId: rule.ruleId,
    asset: subject,
    other: required,
    rule: describeRule(rule),
    source: `${rule.source.kind}: ${rule.source.reference}`,
    reason: rule.reason,
  }));
  return findings;
}

/** A finding about a pair the walk reached: how many hops from the target, and through which assets. */
export type ReachedFinding = Finding & { depth: number; path: string[] };

/** The configured depth when none is given: direct neighbours and their neighbours. */
export const DEFAULT_COMPATIBILITY_DEPTH = 2;

/**
 * The assets reached from `start` along the edges in one direction, up to `maxDepth` hops, each
 * at its shortest depth with one shortest path (the visited set ends cycles).
 */
export function reachWithin(
  start: string,
  edges: readonly { assetId: string; dependsOnAssetId: string }[],
  direction: 'dependents' | 'dependencies',
  maxDepth: number,
): { assetId: string; depth: number; path: string[] }[] {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const reached: { assetId: string; depth: number; path: string[] }[] = [];
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const edge of edges) {
      const [from, to] =
        direction === 'dependents' ? [edge.dependsOnAssetId, edge.assetId] : [edge.assetId, edge.dependsOnAssetId];
      if (!frontier.includes(from) || paths.has(to)) continue;
      const path = [...paths.get(from)!, to];
      paths.set(to, path);
      reached.push({ assetId: to, depth, path });
      next.push(to);
    }
    frontier = next;
  }
  return reached;
}

/**
 * Every target at its proposed version against what it reaches through the dependency graph, up to
 * `depth` hops in each direction (its dependents, which may break, and its dependencies, which it
 * needs), at their current versions; and the targets among themselves (they change together;
 * unrelated targets only count where a rule speaks about them). A pair reached twice keeps its
 * shortest path.
 */
export function assessTargets(input: {
  targets: { assetId: string; toVersion: string }[];
  edges: { assetId: string; dependsOnAssetId: string }[];
  assets: Map<string, Omit<AssetAtVersion, 'assetId'>>;
  rules: readonly CompatibilityRule[];
  depth?: number;
}): ReachedFinding[] {
  const maxDepth = input.depth ?? 1;
  const proposed = new Map(input.targets.map((t) => [t.assetId, t.toVersion]));
  const at = (assetId: string): AssetAtVersion => {
    const asset = input.assets.get(assetId)!;
    return { assetId, name: asset.name, product: asset.product, version: proposed.get(assetId) ?? asset.version };
  };
  const pairs = new Map<string, { a: string; b: string; depth: number; path: string[]; connected: boolean }>();
  const add = (a: string, b: string, path: string[], connected: boolean) => {
    const key = [a, b].sort().join('\u0000');
    const known = pairs.get(key);
    const better = !known || (connected && (!known.connected || path.length - 1 < known.depth));
    if (a !== b && input.assets.has(a) && input.assets.has(b) && better)
      pairs.set(key, { a, b, depth: connected ? path.length - 1 : 0, path, connected });
  };
  for (const target of proposed.keys())
    for (const direction of ['dependents', 'dependencies'] as const)
      for (const reached of reachWithin(target, input.edges, direction, maxDepth))
        add(target, reached.assetId, reached.path, true);
  for (const a of proposed.keys()) for (const b of proposed.keys()) add(a, b, [a, b], false);
  return [...pairs.values()].flatMap(({ a, b, depth, path, connected }) =>
    assessPair(at(a), at(b), input.rules)
      .filter((f) => connected || f.status !== 'unknown')
      .map((f) => ({ ...f, depth, path })),
  );
}

/** COMPATIBILITY_DEPTH (a deployment setting): how many dependency hops the check follows, 1 or more. */
export function compatibilityDepthFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_COMPATIBILITY_DEPTH;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new Error(`COMPATIBILITY_DEPTH: "${value}" is not a whole number of hops of at least 1`);
  return Number(value);
}
