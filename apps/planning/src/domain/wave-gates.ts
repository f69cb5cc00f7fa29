import { waiverOf } from './compatibility-findings.js';
import { failed, notApplicable, passed, type Gate, type GateFacts } from './gate-kit.js';
import type { Finding, Plan } from './upgrade-plan.state.js';
import { coverageProblem } from './waves.js';

// The gates of a staged rollout (issue 18). The rule book asks for staged deployment of major
// architecture upgrades and of changes that are hard to reverse, and for a pilot when
// compatibility is uncertain: an unknown pair an approver waived is exactly that uncertainty,
// accepted rather than resolved.

/** Why this plan needs a pilot wave, in words; empty when it does not. `findings`: compatibility as it stands now. */
export function pilotReasons(plan: Plan, findings: Finding[]): string[] {
  const unknownWaived = findings.filter((f) => f.status === 'unknown' && waiverOf(plan, f));
  return [
    ...(plan.category === 'architecture' ? ['an architecture change'] : []),
    ...(plan.rollback?.reversibility === 'forward-fix-only'
      ? ['an irreversible migration (the rollback plan is forward-fix only)']
      : []),
    ...unknownWaived.map((f) => `compatibility of ${f.assetId} with ${f.otherAssetId} unknown and waived`),
  ];
}

/** The caller's fresh check, else the plan's last assessment. */
const findingsNow = (plan: Plan, facts: GateFacts): Finding[] =>
  facts.currentFindings ?? plan.compatibility?.findings ?? [];

export const WAVE_GATES: Gate[] = [
  {
    gate: 'pilot-wave',
    rule:
      'Staged deployment for risky upgrades: architecture changes, irreversible migrations and plans whose unknown ' +
      'compatibility was waived start with a pilot wave.',
    check: (plan, facts) => {
      const reasons = pilotReasons(plan, findingsNow(plan, facts));
      if (reasons.length === 0) return notApplicable;
      return plan.waves?.waves[0]?.pilot
        ? passed
        : failed(
            [`a pilot wave first, for ${reasons.join('; ')}`],
            'PUT /upgrades/{id}/waves with the first wave marked pilot',
          );
    },
  },
  {
    gate: 'wave-windows',
    rule:
      "Each wave's window keeps the time the plan's window keeps for a rollback (its decision and execution): " +
      'a wave that cannot be rolled back inside its own window is not a controlled step.',
    check: (plan) => {
      if (!plan.waves || !plan.window) return notApplicable;
      const kept = Date.parse(plan.window.endsAt) - Date.parse(plan.window.rollbackDecisionDeadline);
      const short = plan.waves.waves.filter((w) => Date.parse(w.window.endsAt) - Date.parse(w.window.startsAt) < kept);
      return short.length
        ? failed(
            short.map(
              (w) => `wave ${w.name}'s window at least ${kept / 60_000} min long, the rollback time the plan keeps`,
            ),
            'PUT /upgrades/{id}/waves with longer wave windows, or reschedule the window with a shorter rollback',
          )
        : passed;
    },
  },
  {
    gate: 'waves',
    rule: 'A staged rollout moves every target of the plan in exactly one wave.',
    check: (plan) => {
      if (!plan.waves) return notApplicable;
      const problem = coverageProblem(plan.waves.waves, plan);
      return problem
        ? failed([problem.message], 'the targets changed since the waves were defined: PUT /upgrades/{id}/waves again')
        : passed;
    },
  },
];
