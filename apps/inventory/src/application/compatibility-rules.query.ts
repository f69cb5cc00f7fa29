import { Query } from '@nestjs/cqrs';
import { queryHandlerFor, type Page, type PageRequest } from '@upgrade-control/platform';
import type { CompatibilityRule } from '@upgrade-control/contracts';
import { CompatibilityRuleReadModel } from './compatibility-rule-read-model.port.js';

/** A page of the declared compatibility rules, by rule id. */
export class ListCompatibilityRules extends Query<Page<CompatibilityRule>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

export const ListCompatibilityRulesHandler = queryHandlerFor(
  ListCompatibilityRules,
  CompatibilityRuleReadModel,
  (rules, { page }) => rules.rulePage(page),
);
