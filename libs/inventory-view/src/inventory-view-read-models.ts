import type { EventHandler, ReadModelTable } from '@upgrade-control/platform';
import { INVENTORY_FACT_EVENTS, projectInventoryFacts } from './inventory-projection.js';

/** The projection of inventory.events into a service's view, for its read-model list. */
export const INVENTORY_VIEW_PROJECTIONS: [string, EventHandler][] = INVENTORY_FACT_EVENTS.map((type) => [
  type,
  projectInventoryFacts,
]);

export const INVENTORY_VIEW_TABLES: ReadModelTable[] = [
  { name: 'inventory_assets', key: ['asset_id'] },
  { name: 'inventory_dependencies', key: ['asset_id', 'depends_on_asset_id', 'relation'] },
  { name: 'inventory_rules', key: ['rule_id'] },
];
