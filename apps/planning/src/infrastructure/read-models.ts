import {
  BASELINE_VIEW_PROJECTIONS,
  BASELINE_VIEW_TABLES,
  BaselineView1765000000150,
  INVENTORY_VIEW_PROJECTIONS,
  INVENTORY_VIEW_TABLES,
  InventoryView1764000000150,
  InventoryViewVersions1764400000150,
} from '@upgrade-control/inventory-view';
import type { ReadModels } from '@upgrade-control/platform';
import {
  PlanningPlanState1764500000200,
  PlanningPlanStateRefold1764900000200,
  PlanningPlanStateRefold1765000000200,
} from './plan-state.migration.js';
import { planningProjection } from './plans.projection.js';
import { PlanningReadModel1764000000200 } from './planning-read-model.migration.js';

/** Planning's read models, registered by its module and rebuilt by `npm run rebuild -- planning`. */
export const PLANNING_MIGRATIONS = [
  InventoryView1764000000150,
  PlanningReadModel1764000000200,
  InventoryViewVersions1764400000150,
  PlanningPlanState1764500000200,
  PlanningPlanStateRefold1764900000200,
  BaselineView1765000000150,
  PlanningPlanStateRefold1765000000200,
];

export const PLANNING_READ_MODELS: ReadModels = {
  inline: [planningProjection],
  consumed: [...INVENTORY_VIEW_PROJECTIONS, ...BASELINE_VIEW_PROJECTIONS],
  tables: [
    { name: 'plans', key: ['upgrade_id'] },
    { name: 'calendar', key: ['freeze_id'] },
    ...INVENTORY_VIEW_TABLES,
    ...BASELINE_VIEW_TABLES,
  ],
};
