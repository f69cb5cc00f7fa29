import { baselinesMissing } from '@upgrade-control/contracts';
import type { GateResult } from '@upgrade-control/platform/domain';
import type { Finding, Plan } from './upgrade-plan.state.js';
import { MONITORING_MINUTES } from './policy.js';
import { SUPPORT_ROSTER_RULE, supportRosterCheck } from './support/coverage.js';
import { describeFinding, openUnknowns, pilotCovers } from './compatibility-findings.js';
import { failed, isEmergency, notApplicable, passed, type Gate, type GateFacts } from './gate-kit.js';
import { NOTICE_AND_REVIEW_GATES } from './notice-and-review-gates.js';
import { WAVE_GATES } from './wave-gates.js';
import { windowShortfall } from './window-sizing.js';

export type { GateFacts } from './gate-kit.js';
export { afterNoticeMissing, closeMissing, reviewMissing } from './notice-and-review-gates.js';

/** The findings a gate judges: the caller's fresh check, else the plan's assessment of its current targets. */
const findingsOf = (plan: Plan, facts: GateFacts): Finding[] | null =>
  facts.currentFindings ?? (plan.compatibility?.revision === plan.targetsRevision ? plan.compatibility.findings : null);

const unwaived = (plan: Plan, findings: Finding[]) =>
  findings.filter(
    (f) =>
      f.status === 'incompatible' &&
      !plan.waivers.some(
        (w) =>
          w.status === 'incompatible' &&
          w.ruleId === f.ruleId &&
          w.assetId === f.assetId &&
          w.otherAssetId === f.otherAssetId,
      ),
  );

/** The rule book, gate by gate. Each check says what is missing and how to fix it. */
export const GATES: Gate[] = [
  {
    gate: 'purpose',
    rule: 'Start from the reason for change: a category, a practical statement and the urgency that follows.',
    check: (plan) =>
      plan.purpose.trim().length >= 10
        ? passed
        : failed(['a practical purpose statement'], 'state the purpose in practical terms'),
  },
  {
    gate: 'impact',
    rule: 'Check business impact before technical action: dependents, processes, user groups, peak periods.',
    check: (plan) =>
      !plan.impact
        ? failed(['an impact assessment'], 'POST /upgrades/{id}/impact')
        : plan.impact.revision !== plan.targetsRevision
          ? failed(['an impact assessment of the current targets'], 'targets changed: assess the impact again')
          : passed,
  },
  {
    gate: 'compatibility',
    rule: 'Confirm compatibility instead of assuming it; a failing finding blocks unless an approver waives it.',
    check: (plan, facts) => {
      const findings = findingsOf(plan, facts);
      if (!findings)
        return failed(['a compatibility assessment of the current targets'], 'POST /upgrades/{id}/compatibility');
      const blocking = unwaived(plan, findings);
      if (blocking.length === 0)
        return plan.waivers.length > 0 && findings.some((f) => f.status === 'incompatible')
          ? { status: 'waived', missing: [], fix: null }
          : passed;
      return failed(
        blocking.map(describeFinding),
        'upgrade the incompatible asset with it (add a target), or have an approver waive the finding with a reason',
      );
    },
  },
  {
    gate: 'compatibility-unknown',
    rule:
      'When compatibility is uncertain, use a pilot environment: a pair no rule covers blocks until a test run that did ' +
      'not fail exercised it, or an approver waives it with a reason.',
    check: (plan, facts) => {
      const findings = findingsOf(plan, facts);
      // Without an assessment the compatibility gate already names what is missing.
      if (!findings) return notApplicable;
      const open = openUnknowns(plan, findings);
      if (open.length)
        return failed(
          open.map((f) => `pilot evidence or a waiver for ${describeFinding(f)}`),
          'record a test run that exercised the pair (POST /upgrades/{id}/test-evidence with pairsCovered), declare ' +
            'the rule in inventory (POST /compatibility/rules) and assess again, or an approver waives the pair ' +
            'with a reason (POST /upgrades/{id}/compatibility/waivers without ruleId)',
        );
      const waived = findings.some((f) => f.status === 'unknown' && !pilotCovers(plan, f));
      return waived ? { status: 'waived', missing: [], fix: null } : passed;
    },
  },
  {
    gate: 'backup',
    rule: 'Protect data before changing the environment: every target has a planned backup with a restore method.',
    check: (plan) => {
      const uncovered = plan.targets
        .filter((t) => !plan.backups.some((b) => b.assetId === t.assetId))
        .map((t) => `a backup plan for ${t.assetId}`);
      return uncovered.length ? failed(uncovered, 'POST /upgrades/{id}/backups') : passed;
    },
  },
  {
    gate: 'rollback',
    rule: 'Prepare rollback before deployment: decision owner, triggers, steps, duration, data-loss exposure; irreversible changes acknowledged.',
    check: (plan) => {
      if (!plan.rollback) return failed(['a rollback plan'], 'PUT /upgrades/{id}/rollback-plan');
      if (plan.rollback.triggers.length === 0)
        return failed(['a rollback trigger'], 'PUT /upgrades/{id}/rollback-plan with at least one trigger');
      // People are principals: the named decision owner and an approver act themselves.
      const { decisionOwner, reversibility } = plan.rollback;
      const missing = [
        ...(plan.decisionOwnerAcceptedBy !== decisionOwner ? [`${decisionOwner} accepting the rollback decision`] : []),
        ...(reversibility === 'forward-fix-only' && !plan.irreversibleAcknowledgedBy
          ? ['an approver acknowledging that the change cannot be rolled back']
          : []),
      ];
      return missing.length
        ? failed(
            missing,
            `${decisionOwner}: POST /upgrades/{id}/rollback-plan/decision-owner {"accept": true}; for a forward-fix-only change, an approver: POST /upgrades/{id}/irreversible-acknowledgements`,
          )
        : passed;
    },
  },
  {
    gate: 'rollback-rehearsal',
    rule: 'Rollback should be tested where possible: high and critical risk plans need a rehearsal that did not fail.',
    check: (plan) => {
      const level = plan.submission?.riskLevel ?? plan.impact?.riskLevel;
      if (
        isEmergency(plan) ||
        plan.rollback?.reversibility === 'forward-fix-only' ||
        (level !== 'high' && level !== 'critical')
      )
        return notApplicable;
      if (!plan.rehearsal) return failed(['a rollback rehearsal'], 'POST /upgrades/{id}/rollback-rehearsals');
      return plan.rehearsal.outcome === 'failed'
        ? failed(['a rehearsal that did not fail'], 'fix the rollback plan and rehearse again')
        : passed;
    },
  },
  {
    gate: 'test-evidence',
    rule: 'Use a test environment that reflects real conditions: a recorded test run with representative data.',
    check: (plan) => {
      if (isEmergency(plan)) return notApplicable;
      const t = plan.testEvidence;
      if (!t) return failed(['a recorded test run'], 'POST /upgrades/{id}/test-evidence');
      const missing = [
        ...(!t.representativeData ? ['representative data in the test run'] : []),
        ...(t.outcome === 'failed' ? ['a test run that did not fail'] : []),
      ];
      return missing.length ? failed(missing, 'test again in an environment that reflects production') : passed;
    },
  },
  {
    gate: 'acceptance-criteria',
    rule: 'Acceptance checks are defined before the upgrade, core functions first.',
    check: (plan) =>
      plan.acceptance ? passed : failed(['acceptance criteria'], 'PUT /upgrades/{id}/acceptance-criteria'),
  },
  {
    gate: 'runbook',
    rule: 'Execute with clear responsibility: the steps are written down before the window.',
    check: (plan) => (plan.runbook ? passed : failed(['runbook steps'], 'PUT /upgrades/{id}/runbook')),
  },
  {
    gate: 'approval',
    rule: 'Separation of duties: approved by someone other than the requester; two approvers for critical risk or irreversible change.',
    check: (plan) => {
      const required = plan.submission?.requiredApprovals;
      if (!required) return failed(['submission for approval'], 'POST /upgrades/{id}/submit');
      if (plan.reapproval)
        return failed(
          [`approval again after: ${plan.reapproval.changes.join('; ')}`],
          'an approver: POST /upgrades/{id}/approvals (the approval covers the changed plan)',
        );
      return plan.approvals.length >= required
        ? passed
        : failed(
            [`${required - plan.approvals.length} more approval(s)`],
            'an approver: POST /upgrades/{id}/approvals',
          );
    },
  },
  {
    gate: 'maintenance-window',
    rule: 'Control the maintenance window: long enough to roll back, outside freezes, peak periods and other upgrades.',
    check: (plan, facts) => {
      if (!plan.window) return failed(['a maintenance window'], 'PUT /upgrades/{id}/window');
      const shortfall = windowShortfall(plan, plan.window, plan.window.estimates);
      if (shortfall) return failed([shortfall], 'schedule a longer window (PUT /upgrades/{id}/window)');
      if (facts.freezesInWindow.length) {
        return failed(
          facts.freezesInWindow.map((f) => `no change freeze in the window (${f.name}, ${f.freezeId})`),
          'move the window out of the freeze',
        );
      }
      return passed;
    },
  },
  {
    gate: 'support-roster',
    rule: SUPPORT_ROSTER_RULE,
    check: (plan, facts) =>
      plan.window
        ? supportRosterCheck(plan.supportRoles ?? null, plan.window, facts.onCall ?? [])
        : failed(['a maintenance window to cover'], 'schedule the window first'),
  },
  {
    gate: 'monitoring-period',
    rule: 'Post-upgrade monitoring has a defined duration, at least the policy minimum for the criticality (days or a full business cycle for critical systems).',
    check: (plan, facts) => {
      const criticality = plan.impact?.highestCriticality;
      if (!criticality) return notApplicable;
      const minutes = plan.monitoringMinutes ?? MONITORING_MINUTES[criticality];
      const minimum = facts.monitoringMinimums[criticality];
      return minutes >= minimum
        ? passed
        : failed(
            [`a monitoring period of at least ${minimum} min for ${criticality} criticality (it is ${minutes} min)`],
            'PUT /upgrades/{id}/monitoring-period',
          );
    },
  },
  {
    gate: 'monitoring-baseline',
    rule: 'Know what normal looks like before the change: each trigger metric has a baseline captured from a period before the window.',
    check: (plan, facts) => {
      if (!plan.rollback) return notApplicable;
      const startsAt = plan.window?.startsAt ?? null;
      const missing = baselinesMissing(plan.rollback.triggers, plan.targets, facts.baselines, startsAt);
      return missing.length
        ? failed(
            missing.map(
              (m) => `a baseline of ${m} captured${startsAt ? ` before the window opening ${startsAt}` : ''}`,
            ),
            'in monitoring: POST /metrics with samples from before the window, then POST /monitoring/{id}/baselines (assetId, from, to before the window)',
          )
        : passed;
    },
  },
  ...NOTICE_AND_REVIEW_GATES,
  ...WAVE_GATES,
];

/** Gates that must pass before a plan goes to approval. */
export const SUBMIT_GATES = [
  'purpose',
  'impact',
  'compatibility',
  'compatibility-unknown',
  'backup',
  'rollback',
  'rollback-rehearsal',
  'test-evidence',
  'acceptance-criteria',
  'runbook',
  'pilot-wave',
  'wave-windows',
  'waves',
];

export function evaluateGates(plan: Plan, facts: GateFacts, only?: string[]): GateResult[] {
  return GATES.filter((g) => !only || only.includes(g.gate)).map((g) => ({
    gate: g.gate,
    rule: g.rule,
    ...g.check(plan, facts),
  }));
}

export const failing = (gates: GateResult[]) => gates.filter((g) => g.status === 'failed');
