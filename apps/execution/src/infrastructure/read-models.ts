import {
  BASELINE_VIEW_PROJECTIONS,
  BASELINE_VIEW_TABLES,
  BaselineView1765000000150,
  INVENTORY_VIEW_PROJECTIONS,
  INVENTORY_VIEW_TABLES,
  InventoryView1764000000150,
  InventoryViewVersions1764400000150,
  InventoryViewWaves1765500000150,
} from '@upgrade-control/inventory-view';
import type { ReadModels } from '@upgrade-control/platform';
import { projectDeadlines } from './deadlines.projection.js';
import { ExecutionReadModel1764000000300 } from './execution-read-model.migration.js';
import { ExecutionReadModelVersions1764400000300 } from './execution-read-model-versions.migration.js';
import { PLANNING_FACTS } from './planning-facts.projection.js';
import { ExecutionPlannedRollouts1765700000300 } from './planned-rollouts.migration.js';
import { ExecutionWindowEstimates1765000000300 } from './window-estimates.migration.js';

/** Execution's read models, registered by its module and rebuilt by `npm run rebuild -- execution`. */
export const EXECUTION_MIGRATIONS = [
  InventoryView1764000000150,
  ExecutionReadModel1764000000300,
  InventoryViewVersions1764400000150,
  ExecutionReadModelVersions1764400000300,
  BaselineView1765000000150,
  ExecutionWindowEstimates1765000000300,
  InventoryViewWaves1765500000150,
  ExecutionPlannedRollouts1765700000300,
];

export const EXECUTION_READ_MODELS: ReadModels = {
  statements: [projectDeadlines],
  consumed: [...PLANNING_FACTS, ...INVENTORY_VIEW_PROJECTIONS, ...BASELINE_VIEW_PROJECTIONS],
  tables: [
    { name: 'ready_upgrades', key: ['upgrade_id'] },
    { name: 'freezes', key: ['freeze_id'] },
    { name: 'deadlines', key: ['upgrade_id', 'kind'] },
    { name: 'window_estimates', key: ['upgrade_id'] },
    { name: 'planned_rollouts', key: ['upgrade_id'] },
    ...INVENTORY_VIEW_TABLES,
    ...BASELINE_VIEW_TABLES,
  ],
};
