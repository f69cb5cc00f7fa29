import { Injectable } from '@nestjs/common';
import type { CompatibilityRule } from '@upgrade-control/contracts';
import { INVENTORY_RULE_COLUMNS } from '@upgrade-control/inventory-view';
import { Database, pageOf, type Page, type PageRequest } from '@upgrade-control/platform';
import { CompatibilityRuleReadModel } from '../application/compatibility-rule-read-model.port.js';

/** The rules of the inventory view, which inventory keeps like every other service. */
@Injectable()
export class SqlCompatibilityRuleReadModel extends CompatibilityRuleReadModel {
  constructor(private readonly db: Database) {
    super();
  }

  rules(products?: string[]): Promise<CompatibilityRule[]> {
    return this.db.query<CompatibilityRule>(
      `SELECT ${INVENTORY_RULE_COLUMNS} FROM inventory_rules
        WHERE $1::text[] IS NULL OR (product = ANY($1) AND requires_product = ANY($1)) ORDER BY rule_id`,
      [products ?? null],
    );
  }

  async rulePage(page: PageRequest): Promise<Page<CompatibilityRule>> {
    const rows = await this.db.query<CompatibilityRule>(
      `SELECT ${INVENTORY_RULE_COLUMNS} FROM inventory_rules
        WHERE $1::text IS NULL OR rule_id > $1 ORDER BY rule_id LIMIT $2`,
      [page.after?.[0] ?? null, page.limit + 1],
    );
    return pageOf(rows, page, (rule) => [rule.ruleId]);
  }
}
