import { PlanningPlanOrder1765300000200 } from './plan-order.migration.js';
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
import {
  PlanningPlanState1764500000200,
  PlanningPlanStateRefold1764900000200,
  PlanningPlanStateRefold1765200000200,
  PlanningPlanStateRefold1765400000200,
  PlanningPlanStateRefold1765500000200,
} from './plan-state.migration.js';
import { PlanningNotices1765000000200 } from './notices.migration.js';
import { projectNoticeDeliveries } from './notice-deliveries.projection.js';
import { projectCalendar, projectPlans } from './plans.projection.js';
import { PlanningReadModel1764000000200 } from './planning-read-model.migration.js';
import { PlanningReviews1765100000210 } from './reviews.migration.js';
import { projectReviews } from './reviews.projection.js';
import { PlanningSupportRoster1765100000220 } from './support-roster.migration.js';
import { projectSupportRoster } from './support-roster.projection.js';

/** Planning's read models, registered by its module and rebuilt by `npm run rebuild -- planning`. */
export const PLANNING_MIGRATIONS = [
  InventoryView1764000000150,
  PlanningReadModel1764000000200,
  InventoryViewVersions1764400000150,
  PlanningPlanState1764500000200,
  PlanningPlanStateRefold1764900000200,
  BaselineView1765000000150,
  PlanningReviews1765100000210,
  PlanningSupportRoster1765100000220,
  PlanningNotices1765000000200,
  PlanningPlanStateRefold1765200000200,
  PlanningPlanOrder1765300000200,
  PlanningPlanStateRefold1765400000200,
  InventoryViewWaves1765500000150,
  PlanningPlanStateRefold1765500000200,
];

export const PLANNING_READ_MODELS: ReadModels = {
  statements: [projectReviews, projectSupportRoster, projectNoticeDeliveries, projectCalendar],
  states: [projectPlans],
  consumed: [...INVENTORY_VIEW_PROJECTIONS, ...BASELINE_VIEW_PROJECTIONS],
  tables: [
    { name: 'plans', key: ['upgrade_id'] },
    { name: 'calendar', key: ['freeze_id'] },
    { name: 'post_implementation_reviews', key: ['upgrade_id'] },
    { name: 'review_follow_ups', key: ['upgrade_id', 'follow_up'] },
    { name: 'support_roster', key: ['shift_id'] },
    // The dispatcher's bookkeeping depends on when it ran, not on the events.
    { name: 'notice_deliveries', key: ['delivery_id'], ignore: ['attempts', 'next_attempt_at', 'last_error'] },
    ...INVENTORY_VIEW_TABLES,
    ...BASELINE_VIEW_TABLES,
  ],
};
