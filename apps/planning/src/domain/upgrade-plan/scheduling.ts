import { accept, gateRefused, invalid, refuse } from '@upgrade-control/platform/domain';
import { overlaps, peakOccurrencesIn, type Interval } from '../calendar.js';
import { evaluateGates, failing } from '../gates.js';
import { MONITORING_MINUTES } from '../policy.js';
import { supportRosterRefusal } from '../support/coverage.js';
import type { Plan } from '../upgrade-plan.state.js';
import { rollbackMinutes, windowShortfall } from '../window-sizing.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';
import { reapprovalIfMaterial, windowChange } from './reapproval.js';

// Scheduling: an approved plan gets its maintenance window, users are told, and every gate is
// checked once more before execution may take it.

export function scheduleMaintenanceWindow(command: CommandOf<'ScheduleMaintenanceWindow'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal = allowedIn('Approved', 'Scheduled');
  if (refusal) return refuse(refusal);
  const window = { startsAt: command.startsAt, endsAt: command.endsAt };
  const [start, end] = [Date.parse(command.startsAt), Date.parse(command.endsAt)];
  if (end <= start) return refuse(invalid('endsAt', 'after-start', 'the window must end after it starts'));
  if (start <= command.now.getTime())
    return refuse(invalid('startsAt', 'future', 'the window must start in the future'));
  const problems = windowProblems(command, plan, window);
  if (problems.length) {
    return refuse(
      gateRefused(`the maintenance window is refused: ${problems[0]}`, [
        {
          gate: 'maintenance-window',
          rule: 'Control the maintenance window: long enough to roll back, outside freezes, peak periods and other upgrades.',
          status: 'failed',
          missing: problems,
          fix: 'choose another or a longer window',
        },
      ]),
    );
  }
  const uncovered = supportRosterRefusal(plan.supportRoles, window, command.onCall);
  if (uncovered) return refuse(uncovered);
  // The decision must leave time for the rollback as the evidence says it takes, not as typed.
  const rollback = rollbackMinutes(plan, command.estimates).minutes;
  const rollbackDecisionDeadline = new Date(end - rollback * 60_000).toISOString();
  return reapprovalIfMaterial(on, windowChange(plan, window), {
    type: 'MaintenanceWindowScheduled',
    payload: { upgradeId, ...window, estimates: command.estimates, rollbackDecisionDeadline },
  });
}

/** Everything wrong with the window, in the rule book's order: its length first, then each overlap. */
function windowProblems(command: CommandOf<'ScheduleMaintenanceWindow'>, plan: Plan, window: Interval): string[] {
  const shortfall = windowShortfall(plan, window, command.estimates);
  const problems: string[] = shortfall ? [shortfall] : [];
  for (const freeze of command.conflicts.freezes.filter((f) => overlaps(f, window))) {
    problems.push(
      `no overlap with change freeze "${freeze.name}" (${freeze.freezeId}, ${freeze.startsAt} – ${freeze.endsAt})`,
    );
  }
  for (const period of plan.impact?.peakPeriods ?? []) {
    for (const peak of peakOccurrencesIn(period, window))
      problems.push(
        `no overlap with peak period "${period.name}" (${period.timeZone}, ${peak.startsAt} – ${peak.endsAt})`,
      );
  }
  for (const other of command.conflicts.otherUpgrades.filter(
    (o) => o.upgradeId !== plan.upgradeId && overlaps(o, window),
  )) {
    problems.push(
      `no overlap with upgrade "${other.title}" (${other.upgradeId}, ${other.startsAt} – ${other.endsAt}) touching ${other.sharedAssets.join(', ')}`,
    );
  }
  return problems;
}

export function markReadyForExecution(
  command: CommandOf<'MarkReadyForExecution'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn('Scheduled');
  if (refusal) return refuse(refusal);
  const gates = evaluateGates(plan, command.gateFacts);
  if (failing(gates).length)
    return refuse(
      gateRefused(
        `the upgrade is not ready for execution: ${failing(gates)
          .map((g) => g.gate)
          .join(', ')} not met`,
        gates,
      ),
    );
  return accept(
    {
      type: 'CompatibilityAssessed',
      payload: { upgradeId, stage: 'readiness', findings: command.gateFacts.currentFindings },
    },
    { type: 'UpgradeReadyForExecution', payload: readiness(plan) },
  );
}

/** What execution needs to run the upgrade without asking planning again. */
function readiness(plan: Plan) {
  const rollback = plan.rollback!;
  const window = plan.window!;
  const criticality = plan.impact!.highestCriticality;
  return {
    upgradeId: plan.upgradeId,
    targets: plan.targets,
    window: {
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      rollbackDecisionDeadline: window.rollbackDecisionDeadline,
    },
    backups: plan.backups.map(({ backupId, assetId, scope }) => ({ backupId, assetId, scope })),
    steps: plan.runbook!,
    acceptanceCriteria: plan.acceptance!.map(({ criterionId, order, kind, core, passCondition }) => ({
      criterionId,
      order,
      kind,
      core,
      passCondition,
    })),
    rollback: {
      decisionOwner: rollback.decisionOwner,
      reversibility: rollback.reversibility,
      rollbackOnAcceptanceFailure: rollback.triggers.some(
        (t) => t.kind === 'acceptance-failure' && t.mode === 'automatic',
      ),
      triggers: rollback.triggers,
      confirmTimeoutMinutes: rollback.confirmTimeoutMinutes,
      defaultDecision: rollback.defaultDecision,
    },
    monitoringMinutes: plan.monitoringMinutes ?? MONITORING_MINUTES[criticality],
    // Execution re-checks incompatible findings at start; an unknown pair was settled here.
    compatibilityWaivers: plan.waivers.flatMap(({ ruleId, assetId, otherAssetId }) =>
      ruleId === null ? [] : [{ ruleId, assetId, otherAssetId }],
    ),
  };
}
