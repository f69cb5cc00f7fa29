import { accept, invalid, notFound, refuse, type DomainError } from '@upgrade-control/platform/domain';
import { highest, riskOf, URGENCY_BY_CATEGORY } from '../policy.js';
import type { Plan, PlanState } from '../upgrade-plan.state.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';
import { reapprovalIfMaterial } from './reapproval.js';

// Drafting: the planner writes the plan down, part by part, before it goes to approval.

export function proposeUpgrade(command: CommandOf<'ProposeUpgrade'>, state: PlanState): PlanDecision {
  if (state.status !== 'None')
    return refuse(invalid('upgradeId', 'unique', `upgrade ${command.upgradeId} already exists`));
  if (command.purpose.trim().length < 10)
    return refuse(
      invalid(
        'purpose',
        'practical-statement',
        'purpose must say in practical terms why, e.g. "fix authentication vulnerability"',
      ),
    );
  for (const [i, target] of command.targets.entries()) {
    const problem = targetProblem(target, `targets[${i}]`);
    if (problem) return refuse(problem);
  }
  if (new Set(command.targets.map((t) => t.assetId)).size !== command.targets.length)
    return refuse(invalid('targets', 'unique', 'each asset may be a target once'));
  const derived = URGENCY_BY_CATEGORY[command.category];
  const override =
    command.urgencyOverride && command.urgencyOverride.urgency !== derived ? command.urgencyOverride : null;
  return accept({
    type: 'UpgradeProposed',
    payload: {
      upgradeId: command.upgradeId,
      title: command.title,
      category: command.category,
      purpose: command.purpose,
      urgency: override?.urgency ?? derived,
      urgencyOverride: override && { from: derived, justification: override.justification },
      targets: command.targets.map((t) => ({
        assetId: t.assetId,
        fromVersion: t.current!.version,
        toVersion: t.toVersion,
      })),
      requestedBy: command.requestedBy,
    },
  });
}

export function addTarget(command: CommandOf<'AddTarget'>, { plan, upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal =
    allowedIn('Draft') ??
    targetProblem(command, 'assetId') ??
    (plan.targets.some((t) => t.assetId === command.assetId)
      ? invalid('assetId', 'unique', `${command.assetId} is already a target`)
      : null);
  if (refusal) return refuse(refusal);
  const target = { assetId: command.assetId, fromVersion: command.current!.version, toVersion: command.toVersion };
  return accept({ type: 'UpgradeTargetAdded', payload: { upgradeId, target, reason: command.reason } });
}

export function assessImpact(command: CommandOf<'AssessImpact'>, { plan, upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal = allowedIn('Draft');
  if (refusal) return refuse(refusal);
  const { facts } = command;
  const highestCriticality = highest([...facts.targets, ...facts.impacted].map((a) => a.criticality));
  const risk = riskOf({
    criticality: highestCriticality,
    impactedAssets: facts.impacted.length,
    reversibility: plan.rollback?.reversibility ?? null,
    urgency: plan.urgency,
  });
  return accept({
    type: 'ImpactAssessed',
    payload: {
      upgradeId,
      impactedAssets: facts.impacted.map(({ assetId, name, depth, criticality }) => ({
        assetId,
        name,
        depth,
        criticality,
      })),
      businessProcesses: facts.businessProcesses,
      userGroups: facts.userGroups,
      peakPeriods: facts.peakPeriods,
      highestCriticality,
      riskScore: risk.score,
      riskLevel: risk.level,
      slaNote: command.slaNote,
    },
  });
}

export function assessCompatibility(
  command: CommandOf<'AssessCompatibility'>,
  { upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled');
  if (refusal) return refuse(refusal);
  return accept({ type: 'CompatibilityAssessed', payload: { upgradeId, stage: 'manual', findings: command.findings } });
}

export function planBackup(command: CommandOf<'PlanBackup'>, { plan, upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal =
    allowedIn('Draft') ??
    (!plan.targets.some((t) => t.assetId === command.assetId)
      ? invalid('assetId', 'target', `${command.assetId} is not a target of this upgrade`)
      : null) ??
    (plan.backups.some((b) => b.backupId === command.backupId)
      ? invalid('backupId', 'unique', `backup ${command.backupId} is already planned`)
      : null);
  if (refusal) return refuse(refusal);
  const { type: _, ...backup } = command;
  return accept({ type: 'BackupPlanned', payload: { upgradeId, ...backup } });
}

export function planRollback(command: CommandOf<'PlanRollback'>, { upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal =
    allowedIn('Draft') ??
    // The rule book: a rollback plan defines what conditions trigger rollback.
    (command.triggers.length === 0
      ? invalid(
          'triggers',
          'not-empty',
          'name at least one rollback trigger (acceptance failure, metric threshold or decision deadline)',
        )
      : null);
  if (refusal) return refuse(refusal);
  // irreversibleAcknowledgedBy stays in the event's schema for the plans that typed it, but an
  // acknowledgement is now an approver's own act (IrreversibleChangeAcknowledged): never typed.
  const { type: _, ...rollback } = command;
  return accept({ type: 'RollbackPlanned', payload: { upgradeId, ...rollback, irreversibleAcknowledgedBy: null } });
}

export function recordRollbackRehearsal(
  command: CommandOf<'RecordRollbackRehearsal'>,
  { plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal =
    allowedIn('Draft', 'Submitted') ??
    (!plan.rollback ? invalid('rollback', 'planned-first', 'plan the rollback before rehearsing it') : null);
  if (refusal) return refuse(refusal);
  const { type: _, ...rehearsal } = command;
  return accept({ type: 'RollbackRehearsed', payload: { upgradeId, ...rehearsal } });
}

export function defineAcceptanceCriteria(
  command: CommandOf<'DefineAcceptanceCriteria'>,
  { upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn('Draft') ?? criteriaProblem(command.criteria);
  if (refusal) return refuse(refusal);
  return accept({
    type: 'AcceptanceCriteriaDefined',
    payload: { upgradeId, criteria: [...command.criteria].sort((a, b) => a.order - b.order) },
  });
}

export function recordTestEvidence(
  command: CommandOf<'RecordTestEvidence'>,
  { upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  const refusal = allowedIn('Draft');
  if (refusal) return refuse(refusal);
  const { type: _, ...evidence } = command;
  return accept({ type: 'TestEvidenceRecorded', payload: { upgradeId, ...evidence } });
}

export function defineRunbook(command: CommandOf<'DefineRunbook'>, { upgradeId, allowedIn }: OnPlan): PlanDecision {
  const refusal =
    allowedIn('Draft') ??
    uniqueProblem(
      command.steps,
      'steps',
      (s) => s.stepId,
      (s) => s.order,
    );
  if (refusal) return refuse(refusal);
  return accept({
    type: 'RunbookDefined',
    payload: { upgradeId, steps: [...command.steps].sort((a, b) => a.order - b.order) },
  });
}

export function defineMonitoringPeriod(command: CommandOf<'DefineMonitoringPeriod'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal = allowedIn('Draft', 'Submitted', 'Approved', 'Scheduled') ?? monitoringMinimumProblem(plan, command);
  if (refusal) return refuse(refusal);
  const change =
    plan.monitoringMinutes === command.minutes
      ? null
      : `monitoring period ${plan.monitoringMinutes ?? 'default'} → ${command.minutes} min`;
  return reapprovalIfMaterial(on, change, {
    type: 'MonitoringPeriodDefined',
    payload: { upgradeId, minutes: command.minutes, reason: command.reason },
  });
}

/**
 * "Post-upgrade monitoring should have a defined duration … for critical systems … days or one
 * full business cycle": the period is at least the policy's minimum for the most critical asset
 * the upgrade touches, so the impact must be assessed first.
 */
function monitoringMinimumProblem(plan: Plan, command: CommandOf<'DefineMonitoringPeriod'>): DomainError | null {
  const criticality = plan.impact?.highestCriticality;
  if (!criticality)
    return invalid(
      'minutes',
      'criticality-known',
      'assess the impact first (POST /upgrades/{id}/impact): the monitoring minimum depends on the criticality',
    );
  const minimum = command.minimums[criticality];
  return command.minutes >= minimum
    ? null
    : invalid(
        'minutes',
        'policy-minimum',
        `the monitoring period must be at least ${minimum} min for an upgrade of ${criticality} criticality, not ${command.minutes}`,
      );
}

function targetProblem(
  target: { assetId: string; toVersion: string; current: { version: string; status: string } | null },
  field: string,
): DomainError | null {
  if (!target.current) return notFound(`asset ${target.assetId} is not in the inventory`);
  if (target.current.status !== 'active')
    return invalid(`${field}.assetId`, 'active', `asset ${target.assetId} is retired`);
  if (target.current.version === target.toVersion)
    return invalid(`${field}.toVersion`, 'differs-from-current', `${target.assetId} already runs ${target.toVersion}`);
  return null;
}

function criteriaProblem(criteria: Plan['acceptance'] & object): DomainError | null {
  const duplicate = uniqueProblem(
    criteria,
    'criteria',
    (c) => c.criterionId,
    (c) => c.order,
  );
  if (duplicate) return duplicate;
  if (!criteria.some((c) => c.core))
    return invalid('criteria', 'core-first', 'at least one core criterion is needed: test core functions first');
  const lastCore = Math.max(...criteria.filter((c) => c.core).map((c) => c.order));
  const firstSecondary = Math.min(...criteria.filter((c) => !c.core).map((c) => c.order));
  if (firstSecondary < lastCore)
    return invalid(
      'criteria',
      'core-first',
      'core criteria must come before secondary ones: do not spend early verification time on minor functions',
    );
  return null;
}

function uniqueProblem<T>(
  items: T[],
  field: string,
  id: (t: T) => string,
  order: (t: T) => number,
): DomainError | null {
  if (new Set(items.map(id)).size !== items.length) return invalid(field, 'unique-ids', `${field} ids must be unique`);
  if (new Set(items.map(order)).size !== items.length)
    return invalid(field, 'unique-order', `${field} orders must be unique`);
  return null;
}
