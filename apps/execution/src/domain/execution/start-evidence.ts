import { baselinesMissing, largestRollback, windowShortfall } from '@upgrade-control/contracts';
import type { GateResult } from '@upgrade-control/platform/domain';
import type { ReadyPlan } from '../execution.state.js';
import { gate, type Command } from './shared.js';

/**
 * What the start checks again on the evidence execution has at that moment (issue 14, items 4
 * and 7): the window, from now to its end, still holds every part of the upgrade and the rollback
 * (the sizing planning used, shared in @upgrade-control/contracts); and each trigger metric has a
 * baseline captured from a period before the window.
 */
export function startEvidenceGates(command: Command<'StartExecution'>, plan: ReadyPlan): GateResult[] {
  return [...windowSizing(command, plan), ...baselines(command, plan)];
}

const SIZING_RULE =
  'The window holds preparation, final backup, upgrade, verification, repair time, the rollback decision and the rollback itself, checked again at start.';

/**
 * The rollback takes the largest of the window's estimate and the time planning kept for it at
 * readiness (from the decision deadline to the window's end: planning's evidence then).
 */
function windowSizing(command: Command<'StartExecution'>, plan: ReadyPlan): GateResult[] {
  const estimates = command.evidence.estimates;
  if (!estimates)
    return [
      gate(
        'window-sizing',
        SIZING_RULE,
        [`the window's estimates for upgrade ${command.upgradeId} (MaintenanceWindowScheduled from planning)`],
        'wait for execution to hear the schedule from planning, or schedule the window again in planning',
      ),
    ];
  const { endsAt, rollbackDecisionDeadline } = plan.window;
  const rollback = largestRollback([
    ['window estimate', estimates.rollbackExecution],
    ['rollback kept at readiness', Math.ceil((Date.parse(endsAt) - Date.parse(rollbackDecisionDeadline)) / 60_000)],
  ]);
  const now = command.moment.now;
  const from = now.getTime() > Date.parse(plan.window.startsAt) ? now.toISOString() : plan.window.startsAt;
  const shortfall = windowShortfall(
    { startsAt: from, endsAt },
    estimates,
    rollback,
    (m) => `the window has ${m} min left from ${from}`,
  );
  return shortfall
    ? [gate('window-sizing', SIZING_RULE, [shortfall], 'reschedule the window in planning (PUT /upgrades/{id}/window)')]
    : [];
}

function baselines(command: Command<'StartExecution'>, plan: ReadyPlan): GateResult[] {
  const startsAt = plan.window.startsAt;
  const missing = baselinesMissing(plan.rollback.triggers, plan.targets, command.evidence.baselines, startsAt);
  return missing.length
    ? [
        gate(
          'monitoring-baseline',
          'Each trigger metric has a baseline captured from a period before the window.',
          missing.map((m) => `a baseline of ${m} captured before the window opening ${startsAt}`),
          'capture it in monitoring: POST /monitoring/{id}/baselines over a period before the window',
        ),
      ]
    : [];
}
