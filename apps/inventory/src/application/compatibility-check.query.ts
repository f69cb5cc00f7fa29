import { Injectable } from '@nestjs/common';
import { assessTargets, type Finding } from '@upgrade-control/contracts';
import { notFound, type DomainError } from '@upgrade-control/platform/domain';
import { InventoryReadModel } from '../infrastructure/inventory-read-model.js';

export interface ProposedTarget {
  assetId: string;
  toVersion: string;
}

export interface CompatibilityReport {
  compatible: boolean;
  summary: { compatible: number; incompatible: number; unknown: number };
  findings: Finding[];
}

/** The compatibility check over the inventory's current versions, graph and rules. */
@Injectable()
export class CompatibilityCheckQuery {
  constructor(private readonly readModel: InventoryReadModel) {}

  async check(
    targets: ProposedTarget[],
  ): Promise<{ ok: true; report: CompatibilityReport } | { ok: false; error: DomainError }> {
    const targetIds = targets.map((t) => t.assetId);
    const edges = [
      ...(await this.readModel.edges(targetIds, 'dependents')),
      ...(await this.readModel.edges(targetIds, 'dependencies')),
    ];
    const views = await this.readModel.assets([
      ...new Set([...targetIds, ...edges.flatMap((e) => [e.assetId, e.dependsOnAssetId])]),
    ]);
    const assets = new Map(views.map((a) => [a.assetId, a]));
    const missing = targetIds.find((id) => !assets.has(id));
    if (missing) return { ok: false, error: notFound(`asset ${missing} not found`) };
    const rules = await this.readModel.rules([...new Set(views.map((v) => v.product))]);
    const findings = assessTargets({ targets, edges, assets, rules });
    const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
    const summary = { compatible: count('compatible'), incompatible: count('incompatible'), unknown: count('unknown') };
    return { ok: true, report: { compatible: summary.incompatible === 0, summary, findings } };
  }
}
