import type { Page, PageRequest } from '@upgrade-control/platform';
import type { CompatibilityRule } from '@upgrade-control/contracts';

/** The declared compatibility rules. */
export abstract class CompatibilityRuleReadModel {
  /** Rules between the given products (all rules when none are given), by rule id. */
  abstract rules(products?: string[]): Promise<CompatibilityRule[]>;
  /** One page of every rule, by rule id. */
  abstract rulePage(page: PageRequest): Promise<Page<CompatibilityRule>>;
}
