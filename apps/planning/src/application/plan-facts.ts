import type { CapturedBaseline } from '@upgrade-control/contracts';
import type { Interval } from '../domain/calendar.js';
import type { AssetFact, ImpactFacts, WindowConflictFacts } from '../domain/upgrade-plan.commands.js';
import type { Finding, Plan } from '../domain/upgrade-plan.state.js';
import type { WaveInventory } from '../domain/waves.js';

/**
 * Port: what the planning decider needs from outside its stream — the inventory as planning has
 * projected it, the calendar, other plans — so the decider itself stays pure.
 */
export abstract class PlanFacts {
  /** The asset as the inventory view has it now, or null when planning has never heard of it. */
  abstract asset(assetId: string): Promise<AssetFact | null>;

  /** Transitive dependents of every target, and the processes, user groups and peak periods they carry. */
  abstract impact(plan: Plan): Promise<ImpactFacts>;

  /** The plan's targets checked against the compatibility rules and the versions around them now. */
  abstract compatibility(plan: Plan): Promise<Finding[]>;

  /** Freezes over the interval whose scope covers the plan's targets or impacted assets (or their sites). */
  abstract freezes(plan: Plan, window: Interval): Promise<WindowConflictFacts['freezes']>;

  /** Other scheduled upgrades over the interval that touch the same or dependent assets. */
  abstract otherUpgrades(plan: Plan, window: Interval): Promise<WindowConflictFacts['otherUpgrades']>;

  /** Where the plan's targets are (site, node), which product each runs, and the rules about those products. */
  abstract waveInventory(plan: Plan): Promise<WaveInventory>;

  /** Monitoring's latest baseline per asset for the upgrade, as planning projected BaselineCaptured. */
  abstract baselines(upgradeId: string): Promise<CapturedBaseline[]>;
}
