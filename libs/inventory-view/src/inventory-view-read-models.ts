import { applyStatements, type EventHandler, type ReadModelTable } from '@upgrade-control/platform';
import { INVENTORY_FACT_EVENTS, projectInventoryView } from './inventory-view.projection.js';

/** The inventory view's projection of inventory.events in a consuming service, for its read-model list. */
export const INVENTORY_VIEW_PROJECTIONS: [string, EventHandler][] = INVENTORY_FACT_EVENTS.map((type) => [
  type,
  (event, tx) => applyStatements(projectInventoryView(event), tx),
]);

/** The tables of the inventory view, in every service that keeps it (inventory included). */
export const INVENTORY_VIEW_TABLES: ReadModelTable[] = [
  { name: 'inventory_assets', key: ['asset_id'] },
  { name: 'inventory_dependencies', key: ['asset_id', 'depends_on_asset_id', 'relation'] },
  { name: 'inventory_rules', key: ['rule_id'] },
];
