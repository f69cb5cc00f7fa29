import { Injectable } from '@nestjs/common';
import type { PeakPeriod } from '@upgrade-control/contracts';
import { InventoryReadModel, type AssetView } from '../infrastructure/inventory-read-model.js';

export interface Reached {
  assetId: string;
  name: string;
  kind: string;
  criticality: string;
  depth: number;
  relation: string;
  path: string[];
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
 * dependencies). Breadth-first with a visited set: cycles are allowed in the data, every
 * traversal ends, and each asset is reported once at its shortest depth.
 */
@Injectable()
export class ImpactQuery {
  constructor(private readonly readModel: InventoryReadModel) {}

  async impact(asset: AssetView): Promise<Impact> {
    const [dependents, dependencies] = await Promise.all([
      this.traverse(asset.assetId, 'dependents'),
      this.traverse(asset.assetId, 'dependencies'),
    ]);
    const affected = [asset, ...(await this.readModel.assets(dependents.map((d) => d.assetId)))];
    const byId = new Map(
      (await this.readModel.assets([...dependents, ...dependencies].map((r) => r.assetId))).map((a) => [a.assetId, a]),
    );
    const describe = (r: Omit<Reached, 'name' | 'kind' | 'criticality'>): Reached => {
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

  private async traverse(start: string, direction: 'dependents' | 'dependencies') {
    const paths = new Map<string, string[]>([[start, [start]]]);
    const reached: Omit<Reached, 'name' | 'kind' | 'criticality'>[] = [];
    let frontier = [start];
    for (let depth = 1; frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const edge of await this.readModel.edges(frontier, direction)) {
        const [from, to] =
          direction === 'dependents' ? [edge.dependsOnAssetId, edge.assetId] : [edge.assetId, edge.dependsOnAssetId];
        if (paths.has(to)) continue;
        const path = [...paths.get(from)!, to];
        paths.set(to, path);
        reached.push({ assetId: to, depth, relation: edge.relation, path });
        next.push(to);
      }
      frontier = next;
    }
    return reached;
  }
}

const union = (values: string[]) => [...new Set(values)].sort();
