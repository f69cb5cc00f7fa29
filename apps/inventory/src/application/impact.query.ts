import { Query } from '@nestjs/cqrs';
import { walkDependencies, type PeakPeriod, type ReachedAsset } from '@upgrade-control/contracts';
import { queryHandlerFor } from '@upgrade-control/platform';
import { AssetReadModel } from './asset-read-model.port.js';

export interface Reached extends ReachedAsset {
  name: string;
  kind: string;
  criticality: string;
}

export interface Impact {
  asset: { assetId: string; name: string; criticality: string };
  dependents: Reached[];
  dependencies: Reached[];
  businessProcesses: string[];
  userGroups: string[];
  peakPeriods: PeakPeriod[];
}

/**
 * What may break if an asset changes (transitive dependents) and what it needs (transitive
 * dependencies); null when there is no such asset.
 */
export class GetAssetImpact extends Query<Impact | null> {
  constructor(readonly assetId: string) {
    super();
  }
}

export const GetAssetImpactHandler = queryHandlerFor(GetAssetImpact, AssetReadModel, impactOf);

async function impactOf(readModel: AssetReadModel, { assetId }: GetAssetImpact): Promise<Impact | null> {
  const traverse = (start: string, direction: 'dependents' | 'dependencies') =>
    walkDependencies(start, direction, (frontier) => readModel.edges(frontier, direction));
  const asset = await readModel.asset(assetId);
  if (!asset) return null;
  const [dependents, dependencies] = await Promise.all([
    traverse(asset.assetId, 'dependents'),
    traverse(asset.assetId, 'dependencies'),
  ]);
  const affected = [asset, ...(await readModel.assets(dependents.map((d) => d.assetId)))];
  const byId = new Map(
    (await readModel.assets([...dependents, ...dependencies].map((r) => r.assetId))).map((a) => [a.assetId, a]),
  );
  const describe = (r: ReachedAsset): Reached => {
    const view = byId.get(r.assetId);
    return {
      ...r,
      name: view?.name ?? r.assetId,
      kind: view?.kind ?? 'unknown',
      criticality: view?.criticality ?? 'unknown',
    };
  };
  return {
    asset: { assetId: asset.assetId, name: asset.name, criticality: asset.criticality },
    dependents: dependents.map(describe),
    dependencies: dependencies.map(describe),
    businessProcesses: union(affected.flatMap((a) => a.businessProcesses)),
    userGroups: union(affected.flatMap((a) => a.userGroups)),
    peakPeriods: [...new Map(affected.flatMap((a) => a.peakPeriods).map((p) => [JSON.stringify(p), p])).values()],
  };
}

const union = (values: string[]) => [...new Set(values)].sort();
