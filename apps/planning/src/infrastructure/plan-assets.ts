import type { Plan } from '../domain/upgrade-plan.state.js';

/** The plan's targets and the assets its impact assessment found depending on them, once each. */
export const planAssets = (plan: Plan): string[] => [
  ...new Set([...plan.targets.map((t) => t.assetId), ...(plan.impact?.impactedAssets.map((a) => a.assetId) ?? [])]),
];
