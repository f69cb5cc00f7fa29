import { canonicalJson } from '@upgrade-control/contracts';
import { refuse } from '@upgrade-control/platform/domain';
import { analysisProblem } from '../analysis.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';
import { reapprovalIfMaterial } from './reapproval.js';

/**
 * The metric analysis monitoring runs after release (issue 17). Part of how the outcome is judged,
 * so it stays open as long as the monitoring period does, and a change after approval sends the
 * plan back to approval as a changed monitoring period would.
 */
export function defineAnalysis(command: CommandOf<'DefineAnalysis'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal =
    allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled') ?? analysisProblem(command.metrics, plan, command.promql);
  if (refusal) return refuse(refusal);
  const change =
    canonicalJson(plan.analysis) === canonicalJson(command.metrics)
      ? null
      : `metric analysis: ${plan.analysis.map((m) => m.name).join(', ') || 'none'} → ${command.metrics.map((m) => m.name).join(', ') || 'none'}`;
  return reapprovalIfMaterial(on, change, {
    type: 'AnalysisDefined',
    payload: { upgradeId, metrics: command.metrics },
  });
}
