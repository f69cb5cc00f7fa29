import type { CompatibilityRule } from '@upgrade-control/contracts';

// What waves are checked against from outside the plan (issue 18); the caller gathers it.

/** Where each plan target is and which product it runs, as planning's inventory view has it; node null: not known yet. */
export interface TargetLocation {
  assetId: string;
  product: string;
  site: string;
  node: string | null;
}

/** The inventory facts waves are checked against: the targets' locations and the rules about their products. */
export interface WaveInventory {
  locations: TargetLocation[];
  rules: CompatibilityRule[];
}
