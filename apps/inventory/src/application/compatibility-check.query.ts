import { Injectable } from '@nestjs/common';
import { notFound, type DomainError } from '@upgrade-control/platform/domain';
import { assessPair, type AssetAtVersion, type Finding } from '@upgrade-control/contracts';
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

/**
 * Every target at its proposed version against its direct dependencies and dependents at their
 * current versions, and the targets among themselves (they change together).
 */
@Injectable()
export class CompatibilityCheckQuery {
  constructor(private readonly readModel: InventoryReadModel) {}

  async check(
    targets: ProposedTarget[],
  ): Promise<{ ok: true; report: CompatibilityReport } | { ok: false; error: DomainError }> {
    const targetIds = targets.map((t) => t.assetId);
    const [edgesIn, edgesOut] = await Promise.all([
      this.readModel.edges(targetIds, 'dependents'),
      this.readModel.edges(targetIds, 'dependencies'),
    ]);
    const related = [...edgesIn, ...edgesOut].map((e) => [e.assetId, e.dependsOnAssetId] as const);
    const views = new Map(
      (await this.readModel.assets([...new Set([...targetIds, ...related.flat()])])).map((a) => [a.assetId, a]),
    );
    const missing = targetIds.find((id) => !views.has(id));
    if (missing) return { ok: false, error: notFound(`asset ${missing} not found`) };

    const proposed = new Map(targets.map((t) => [t.assetId, t.toVersion]));
    const at = (assetId: string): AssetAtVersion => {
      const view = views.get(assetId)!;
      return { assetId, name: view.name, product: view.product, version: proposed.get(assetId) ?? view.version };
    };
    const pairs = new Map<string, readonly [string, string, boolean]>();
    const add = (a: string, b: string, connected: boolean) => {
      const key = [a, b].sort().join('\u0000');
      if (a !== b && (!pairs.has(key) || connected)) pairs.set(key, [a, b, connected]);
    };
    for (const [a, b] of related) add(a, b, true);
    for (const a of targetIds) for (const b of targetIds) add(a, b, false);

    const rules = await this.readModel.rules([...new Set([...views.values()].map((v) => v.product))]);
    const findings = [...pairs.values()].flatMap(([a, b, connected]) =>
      // Unrelated targets need no rule between them; only what a rule says about them counts.
      assessPair(at(a), at(b), rules).filter((f) => connected || f.status !== 'unknown'),
    );
    const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
    const summary = { compatible: count('compatible'), incompatible: count('incompatible'), unknown: count('unknown') };
    return { ok: true, report: { compatible: summary.incompatible === 0, summary, findings } };
  }
}
