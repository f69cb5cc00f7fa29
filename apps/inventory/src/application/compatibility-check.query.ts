import { Query } from '@nestjs/cqrs';
import { assessTargets, type Finding } from '@upgrade-control/contracts';
import { queryHandlerFor } from '@upgrade-control/platform';
import { notFound, type DomainError } from '@upgrade-control/platform/domain';
import { AssetReadModel } from './asset-read-model.port.js';
import { CompatibilityRuleReadModel } from './compatibility-rule-read-model.port.js';

export interface ProposedTarget {
  assetId: string;
  toVersion: string;
}

export interface CompatibilityReport {
  compatible: boolean;
  summary: { compatible: number; incompatible: number; unknown: number };
  findings: Finding[];
}

export type CompatibilityCheck = { ok: true; report: CompatibilityReport } | { ok: false; error: DomainError };

/** Proposed target versions against the rules and the inventory's current versions and graph. */
export class CheckCompatibility extends Query<CompatibilityCheck> {
  constructor(readonly targets: ProposedTarget[]) {
    super();
  }
}

export const CheckCompatibilityHandler = queryHandlerFor(
  CheckCompatibility,
  [AssetReadModel, CompatibilityRuleReadModel],
  async ([assetReadModel, ruleReadModel], { targets }): Promise<CompatibilityCheck> => {
    const targetIds = targets.map((t) => t.assetId);
    const edges = [
      ...(await assetReadModel.edges(targetIds, 'dependents')),
      ...(await assetReadModel.edges(targetIds, 'dependencies')),
    ];
    const views = await assetReadModel.assets([
      ...new Set([...targetIds, ...edges.flatMap((e) => [e.assetId, e.dependsOnAssetId])]),
    ]);
    const assets = new Map(views.map((a) => [a.assetId, a]));
    const missing = targetIds.find((id) => !assets.has(id));
    if (missing) return { ok: false, error: notFound(`asset ${missing} not found`) };
    const rules = await ruleReadModel.rules([...new Set(views.map((v) => v.product))]);
    const findings = assessTargets({ targets, edges, assets, rules });
    const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
    const summary = { compatible: count('compatible'), incompatible: count('incompatible'), unknown: count('unknown') };
    return { ok: true, report: { compatible: summary.incompatible === 0, summary, findings } };
  },
);
