import { accept, refuse } from '@upgrade-control/platform/domain';
import { resolveWaves } from '../waves.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';

/**
 * The staged rollout (issue 18). Waves are part of what the approver approves and the pilot gate
 * judges them at submission, so like the targets and the runbook they change only in Draft. An
 * empty list removes them: the plan is then one window for every target again.
 */
export function defineWaves(command: CommandOf<'DefineWaves'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal = allowedIn('Draft');
  if (refusal) return refuse(refusal);
  const { onRegression } = command;
  if (command.waves.length === 0)
    return accept({ type: 'WavesDefined', payload: { upgradeId, waves: [], onRegression } });
  const resolved = resolveWaves(command.waves, plan, command.inventory);
  if ('problem' in resolved) return refuse(resolved.problem);
  return accept({ type: 'WavesDefined', payload: { upgradeId, waves: resolved.waves, onRegression } });
}
