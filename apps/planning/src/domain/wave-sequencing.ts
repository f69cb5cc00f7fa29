import { describeRule, satisfies, type CompatibilityRule, type Wave } from '@upgrade-control/contracts';
import { invalid, type DomainError } from '@upgrade-control/platform/domain';
import type { Plan } from './upgrade-plan.state.js';
import type { WaveInventory } from './wave-inventory.js';

// Sequencing against the compatibility rules' mixed-version stance (issue 18): "some systems
// support mixed-version operation for a limited period, while others require all components to be
// upgraded together". A rule speaks about its product in its version range, so it binds a plan
// that moves a target of that product into the range; its group is then every target of either
// of the rule's two products.

const DAY_MS = 24 * 60 * 60 * 1000;

/** A rule that binds the plan, with the targets it groups. */
interface Group {
  rule: CompatibilityRule;
  targets: string[];
}

function groupsOf(plan: Plan, inventory: WaveInventory): Group[] {
  const productOf = new Map(inventory.locations.map((l) => [l.assetId, l.product]));
  return inventory.rules.flatMap((rule) => {
    const binds = plan.targets.some(
      (t) => productOf.get(t.assetId) === rule.product && satisfies(t.toVersion, rule.versionRange),
    );
    const products = [rule.product, rule.requiresProduct];
    const targets = plan.targets.filter((t) => products.includes(productOf.get(t.assetId) ?? '')).map((t) => t.assetId);
    return binds ? [{ rule, targets }] : [];
  });
}

/** The waves holding any of the targets, in wave order. */
const wavesHolding = (waves: Wave[], targets: string[]) =>
  waves.filter((w) => w.targets.some((t) => targets.includes(t)));

/** The first rule the sequence breaks: a split upgrade-together group, or a mixed-version period past its limit. */
export function sequencingProblem(waves: Wave[], plan: Plan, inventory: WaveInventory): DomainError | null {
  for (const { rule, targets } of groupsOf(plan, inventory)) {
    const holding = wavesHolding(waves, targets);
    const stance = rule.mixedVersions;
    if (stance.kind === 'upgrade-together' && holding.length > 1)
      return invalid(
        'waves',
        'upgrade-together',
        `rule ${rule.ruleId} (${describeRule(rule)}) says the products must be upgraded together, but the waves split ` +
          `them: ${holding.map((w) => `${w.name} has ${w.targets.filter((t) => targets.includes(t)).join(', ')}`).join('; ')}`,
      );
    if (stance.kind === 'supported' && holding.length > 0) {
      const first = holding[0]!;
      const last = holding[holding.length - 1]!;
      const days = (Date.parse(last.window.endsAt) - Date.parse(first.window.startsAt)) / DAY_MS;
      if (days > stance.days)
        return invalid(
          'waves',
          'mixed-version-period',
          `rule ${rule.ruleId} (${describeRule(rule)}) supports mixed versions for ${stance.days} day(s), but ` +
            `${targets.join(', ')} run at mixed versions from wave ${first.name} opening ${first.window.startsAt} ` +
            `to wave ${last.name} closing ${last.window.endsAt}: ${formatDays(days)} days`,
        );
    }
  }
  return null;
}

const formatDays = (days: number) => (Math.round(days * 10) / 10).toString();
