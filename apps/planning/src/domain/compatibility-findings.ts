import type { Finding, Plan } from './upgrade-plan.state.js';

// How a plan answers its compatibility findings: waivers by an approver, pilot evidence for pairs no rule covers.

const samePair = (
  a: { assetId: string; otherAssetId: string },
  b: { assetId: string; otherAssetId: string },
): boolean =>
  (a.assetId === b.assetId && a.otherAssetId === b.otherAssetId) ||
  (a.assetId === b.otherAssetId && a.otherAssetId === b.assetId);

/** "reached through a → b → c" when the pair is not direct neighbours; nothing for a direct pair. */
export const reachOf = (f: Finding): string =>
  f.depth !== null && f.depth > 1 && f.path ? ` (depth ${f.depth}, reached through ${f.path.join(' → ')})` : '';

export const describeFinding = (f: Finding): string =>
  `${f.assetId} ${f.assetVersion} with ${f.otherAssetId} ${f.otherVersion}: ${f.rule ?? 'no rule covers this pair'}${reachOf(f)}`;

export const waiverOf = (plan: Plan, f: Finding) =>
  plan.waivers.find((w) =>
    f.status === 'unknown' ? w.status === 'unknown' && samePair(w, f) : w.ruleId === f.ruleId && samePair(w, f),
  );

/**
 * Pilot evidence for a pair: the latest recorded test run that names the pair at these versions
 * (in either order) did not fail. A later failed run of the pair takes the evidence back.
 */
export function pilotCovers(plan: Plan, f: Finding): boolean {
  const runs = plan.testRuns.filter((run) =>
    run.pairsCovered.some(
      (p) =>
        (p.assetId === f.assetId &&
          p.assetVersion === f.assetVersion &&
          p.otherAssetId === f.otherAssetId &&
          p.otherVersion === f.otherVersion) ||
        (p.assetId === f.otherAssetId &&
          p.assetVersion === f.otherVersion &&
          p.otherAssetId === f.assetId &&
          p.otherVersion === f.assetVersion),
    ),
  );
  return runs.length > 0 && runs[runs.length - 1]!.outcome !== 'failed';
}

/** Unknown pairs neither covered by pilot evidence nor waived by an approver: they block. */
export const openUnknowns = (plan: Plan, findings: Finding[]): Finding[] =>
  findings.filter((f) => f.status === 'unknown' && !pilotCovers(plan, f) && !waiverOf(plan, f));
