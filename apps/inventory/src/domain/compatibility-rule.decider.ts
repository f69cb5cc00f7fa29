import {
  isValidRange,
  type CompatibilityRuleDeclared,
  type DomainEventOf,
  type PayloadOf,
} from '@upgrade-control/contracts';
import { accept, invalid, refuse, type Decider, type Decision } from '@upgrade-control/platform/domain';

export type RuleEvent = DomainEventOf<typeof CompatibilityRuleDeclared>;
export type RuleDeclaration = PayloadOf<typeof CompatibilityRuleDeclared>;
export type RuleState = { declared: boolean };

/** A rule is a statement of fact from a source; it is declared once and never edited in place. */
function decide(rule: RuleDeclaration, state: RuleState): Decision<RuleEvent> {
  if (state.declared) return refuse(invalid('ruleId', 'unique', `rule ${rule.ruleId} already exists`));
  if (!isValidRange(rule.versionRange)) {
    return refuse(invalid('versionRange', 'version-range', `"${rule.versionRange}" is not a version range`));
  }
  if (!isValidRange(rule.requiresRange)) {
    return refuse(invalid('requiresRange', 'version-range', `"${rule.requiresRange}" is not a version range`));
  }
  if (rule.product === rule.requiresProduct) {
    return refuse(invalid('requiresProduct', 'other-product', 'a rule relates two different products'));
  }
  return accept({ type: 'CompatibilityRuleDeclared', payload: rule });
}

export const compatibilityRuleDecider: Decider<RuleDeclaration, RuleEvent, RuleState> = {
  decide,
  evolve: () => ({ declared: true }),
  initialState: () => ({ declared: false }),
};

export const ruleStreamId = (ruleId: string) => `compatibility-rule-${ruleId}`;
