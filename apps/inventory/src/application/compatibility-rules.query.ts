import { Query } from '@nestjs/cqrs';
import { queryHandlerFor } from '@upgrade-control/platform';
import type { CompatibilityRule } from '@upgrade-control/contracts';
import { CompatibilityRuleReadModel } from './compatibility-rule-read-model.port.js';

/** All declared compatibility rules. */
export class ListCompatibilityRules extends Query<CompatibilityRule[]> {}

export const ListCompatibilityRulesHandler = queryHandlerFor(
  ListCompatibilityRules,
  CompatibilityRuleReadModel,
  (rules) => rules.rules(),
);
