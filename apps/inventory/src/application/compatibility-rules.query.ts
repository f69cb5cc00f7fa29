import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CompatibilityRule } from '@upgrade-control/contracts';
import { CompatibilityRuleReadModel } from './compatibility-rule-read-model.port.js';

/** All declared compatibility rules. */
export class ListCompatibilityRules extends Query<CompatibilityRule[]> {}

@QueryHandler(ListCompatibilityRules)
export class ListCompatibilityRulesHandler implements IQueryHandler<ListCompatibilityRules> {
  constructor(private readonly rules: CompatibilityRuleReadModel) {}

  execute(): Promise<CompatibilityRule[]> {
    return this.rules.rules();
  }
}
