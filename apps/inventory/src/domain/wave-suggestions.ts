// Sequencing from the inventory (issue 18): "one branch may be running a different patch level,
// one server may have a custom module ... these differences affect upgrade sequencing". Nodes at
// the same version without custom modules can move together; each other patch level gets its own
// wave, and so does each node with custom modules, since its test design differs from the rest.

/** The asset attribute naming a node's custom modules, comma-separated (e.g. "geo-routing, sso-bridge"). */
export const CUSTOM_MODULES_ATTRIBUTE = 'customModules';

export interface InstalledNode {
  site: string;
  node: string;
  assetId: string;
  version: string;
  customModules: string[];
}

export interface SuggestedWave {
  name: string;
  reason: string;
  /** In the form PUT /upgrades/{id}/waves takes it. */
  selector: { kind: 'assets'; assetIds: string[] };
}

/** The modules an attribute value names, trimmed, without empties, sorted. */
export const customModulesOf = (attribute: string | null | undefined): string[] =>
  (attribute ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
    .sort();

const at = (nodes: InstalledNode[]) => nodes.map((n) => `${n.site}/${n.node}`).join(', ');

/**
 * Waves in order: the plain nodes by version, oldest patch level first (each its own wave), then
 * each node with custom modules alone. Versions compare in natural order (15.10 after 15.9).
 */
export function suggestWaves(product: string, nodes: InstalledNode[]): SuggestedWave[] {
  const plain = nodes.filter((n) => n.customModules.length === 0);
  const versions = [...new Set(plain.map((n) => n.version))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  const groups = [
    ...versions.map((version) => {
      const group = plain.filter((n) => n.version === version);
      return { nodes: group, reason: `${product} ${version} without custom modules at ${at(group)}` };
    }),
    ...nodes
      .filter((n) => n.customModules.length > 0)
      .map((n) => ({
        nodes: [n],
        reason: `${product} ${n.version} with custom modules ${n.customModules.join(', ')} at ${at([n])}`,
      })),
  ];
  return groups.map((g, i) => ({
    name: `wave-${i + 1}`,
    reason: g.reason,
    selector: { kind: 'assets', assetIds: g.nodes.map((n) => n.assetId) },
  }));
}
