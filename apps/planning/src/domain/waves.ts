import type { PayloadOf, Wave, WavesDefined } from '@upgrade-control/contracts';
import { invalid, type DomainError } from '@upgrade-control/platform/domain';
import type { Plan } from './upgrade-plan.state.js';
import type { TargetLocation, WaveInventory } from './wave-inventory.js';
import { sequencingProblem } from './wave-sequencing.js';

export type { TargetLocation, WaveInventory } from './wave-inventory.js';

// The plan-time checks of a staged rollout (issue 18): every target in exactly one wave, waves in
// sequence, a pilot only first, and every check and metric a wave names one the plan defines.
// Each refusal names the field (waves[i].<field>) and the rule.

/** A wave as the planner asks for it: its targets are what the decider resolves from the selector. */
export type WaveRequest = Omit<Wave, 'targets'>;
export type RegressionPolicy = PayloadOf<typeof WavesDefined>['onRegression'];

const field = (i: number, name: string) => `waves[${i}].${name}`;

/** The waves with their targets resolved, or the first rule they break. */
export function resolveWaves(
  requests: WaveRequest[],
  plan: Plan,
  inventory: WaveInventory,
): { waves: Wave[] } | { problem: DomainError } {
  const problem = shapeProblem(requests) ?? referenceProblem(requests, plan);
  if (problem) return { problem };
  const waves: Wave[] = [];
  for (const [i, request] of requests.entries()) {
    const resolved = targetsOf(request, i, plan, inventory.locations);
    if ('problem' in resolved) return resolved;
    waves.push({ ...request, targets: resolved.targets });
  }
  const later = coverageProblem(waves, plan) ?? sequencingProblem(waves, plan, inventory);
  return later ? { problem: later } : { waves };
}

/** Names unique, a pilot only first, each window open before it closes and after the previous one closed. */
function shapeProblem(requests: WaveRequest[]): DomainError | null {
  for (const [i, wave] of requests.entries()) {
    if (requests.findIndex((w) => w.name === wave.name) !== i)
      return invalid(field(i, 'name'), 'unique', `wave ${wave.name} is defined twice: names must be unique`);
    if (wave.pilot && i > 0)
      return invalid(field(i, 'pilot'), 'pilot-first', `wave ${wave.name}: only the first wave may be a pilot`);
    if (Date.parse(wave.window.startsAt) >= Date.parse(wave.window.endsAt))
      return invalid(field(i, 'window'), 'window-order', `wave ${wave.name}: the window must start before it ends`);
    const previous = requests[i - 1];
    if (previous && Date.parse(wave.window.startsAt) < Date.parse(previous.window.endsAt))
      return invalid(
        field(i, 'window'),
        'waves-in-sequence',
        `wave ${wave.name} starts at ${wave.window.startsAt}, before wave ${previous.name} ends at ${previous.window.endsAt}: waves run one after the other`,
      );
  }
  return null;
}

/** Acceptance checks and metrics a wave names are the plan's own; triggers need a rollback plan that has some. */
function referenceProblem(requests: WaveRequest[], plan: Plan): DomainError | null {
  const criteria = new Set((plan.acceptance ?? []).map((c) => c.criterionId));
  const metrics = new Set(plan.analysis.map((m) => m.name));
  for (const [i, wave] of requests.entries()) {
    const criterion = wave.acceptance.find((id) => !criteria.has(id));
    if (criterion)
      return invalid(
        field(i, 'acceptance'),
        'known-criterion',
        `wave ${wave.name}: ${criterion} is not an acceptance criterion of this upgrade`,
      );
    const { analysis } = wave;
    if (analysis.kind === 'metrics') {
      const metric = analysis.metrics.find((name) => !metrics.has(name));
      if (metric)
        return invalid(
          field(i, 'analysis.metrics'),
          'known-metric',
          `wave ${wave.name}: ${metric} is not a metric of this upgrade's analysis (PUT /upgrades/{id}/analysis)`,
        );
    } else if (!plan.rollback?.triggers.length)
      return invalid(
        field(i, 'analysis'),
        'triggers-planned',
        `wave ${wave.name} is judged by the rollback triggers, but the plan has none yet (PUT /upgrades/{id}/rollback-plan)`,
      );
  }
  return null;
}

/** The plan targets a selector picks, sorted; refused when it names a non-target or picks nothing. */
function targetsOf(
  wave: WaveRequest,
  i: number,
  plan: Plan,
  locations: TargetLocation[],
): { targets: string[] } | { problem: DomainError } {
  const { selector } = wave;
  if (selector.kind === 'assets') {
    const stranger = selector.assetIds.find((id) => !plan.targets.some((t) => t.assetId === id));
    if (stranger)
      return {
        problem: invalid(
          field(i, 'selector.assetIds'),
          'target',
          `wave ${wave.name}: ${stranger} is not a target of this upgrade`,
        ),
      };
    return { targets: [...new Set(selector.assetIds)].sort() };
  }
  if (selector.site === null && selector.node === null)
    return {
      problem: invalid(
        field(i, 'selector'),
        'location',
        `wave ${wave.name}: a location selector names a site, a node or both`,
      ),
    };
  const picked = locations
    .filter((l) => plan.targets.some((t) => t.assetId === l.assetId))
    .filter(
      (l) =>
        (selector.site === null || l.site === selector.site) && (selector.node === null || l.node === selector.node),
    )
    .map((l) => l.assetId);
  if (picked.length === 0) {
    const nodeUnknown = selector.node !== null && locations.some((l) => l.node === null);
    return {
      problem: invalid(
        field(i, 'selector'),
        'matches-a-target',
        `wave ${wave.name}: no target of this upgrade is at ${describeLocation(selector)}` +
          (nodeUnknown ? ' (the node of some targets is not known to planning yet: name them as assets)' : ''),
      ),
    };
  }
  return { targets: picked.sort() };
}

const describeLocation = (s: { site: string | null; node: string | null }) =>
  [s.site && `site ${s.site}`, s.node && `node ${s.node}`].filter(Boolean).join(', ');

/** Every plan target in exactly one wave. */
export function coverageProblem(waves: Wave[], plan: Plan): DomainError | null {
  for (const [i, wave] of waves.entries()) {
    for (const target of wave.targets) {
      const earlier = waves.findIndex((w) => w.targets.includes(target));
      if (earlier !== i)
        return invalid(
          field(i, 'selector'),
          'one-wave',
          `${target} is in wave ${waves[earlier]!.name} and in wave ${wave.name}: every target is in exactly one wave`,
        );
    }
  }
  const missing = plan.targets.filter((t) => !waves.some((w) => w.targets.includes(t.assetId))).map((t) => t.assetId);
  return missing.length
    ? invalid('waves', 'every-target', `${missing.join(', ')} in no wave: every target is in exactly one wave`)
    : null;
}
