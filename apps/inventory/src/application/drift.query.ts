import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import { customModulesOf, suggestWaves, type SuggestedWave } from '../domain/wave-suggestions.js';
import { AssetReadModel, type Installation } from './asset-read-model.port.js';

export interface ProductDrift {
  product: string;
  drift: boolean;
  versions: string[];
  sites: { site: string; versions: string[]; nodes: Omit<Installation, 'site' | 'customModules'>[] }[];
  /** How to sequence an upgrade of the product across the estate (issue 18). */
  suggestedWaves: SuggestedWave[];
}

/**
 * Versions of a product in use per site and node, so differences show before sequencing an
 * upgrade; null when no active asset runs it.
 */
export class GetProductDrift extends Query<ProductDrift | null> {
  constructor(readonly product: string) {
    super();
  }
}

export const GetProductDriftHandler = queryHandlerFor(GetProductDrift, AssetReadModel, async (assets, { product }) => {
  const rows = await assets.installations(product);
  if (rows.length === 0) return null;
  const versions = [...new Set(rows.map((r) => r.version))].sort();
  const sites = [...new Set(rows.map((r) => r.site))].map((site) => {
    const nodes = rows.filter((r) => r.site === site).map(({ node, assetId, version }) => ({ node, assetId, version }));
    return { site, versions: [...new Set(nodes.map((n) => n.version))].sort(), nodes };
  });
  const suggestedWaves = suggestWaves(
    product,
    rows.map((r) => ({ ...r, customModules: customModulesOf(r.customModules) })),
  );
  return { product, drift: versions.length > 1, versions, sites, suggestedWaves };
});
