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

/**
 * Every target at its proposed version against its direct dependencies and dependents at their
 * current versions, and the targets among themselves (they change together; unrelated targets
 * only count where a rule speaks about them).
 */
export function assessTargets(input: {
  targets: { assetId: string; toVersion: string }[];
  edges: { assetId: string; dependsOnAssetId: string }[];
  assets: Map<string, Omit<AssetAtVersion, 'assetId'>>;
  rules: readonly CompatibilityRule[];
}): Finding[] {
  const proposed = new Map(input.targets.map((t) => [t.assetId, t.toVersion]));
  const at = (assetId: string): AssetAtVersion => {
    const asset = input.assets.get(assetId)!;
    return { assetId, name: asset.name, product: asset.product, version: proposed.get(assetId) ?? asset.version };
  };
  const pairs = new Map<string, readonly [string, string, boolean]>();
  const add = (a: string, b: string, connected: boolean) => {
    const key = [a, b].sort().join('\u0000');
    if (a !== b && input.assets.has(a) && input.assets.has(b) && (!pairs.has(key) || connected))
      pairs.set(key, [a, b, connected]);
  };
  for (const edge of input.edges) add(edge.assetId, edge.dependsOnAssetId, true);
  for (const a of proposed.keys()) for (const b of proposed.keys()) add(a, b, false);
  return [...pairs.values()].flatMap(([a, b, connected]) =>
    assessPair(at(a), at(b), input.rules).filter((f) => connected || f.status !== 'unknown'),
  );
}
