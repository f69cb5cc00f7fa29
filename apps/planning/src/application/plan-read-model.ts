import type { Page, PageRequest, Transaction } from '@upgrade-control/platform';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';

/** A plan as its events make it now, and its lifecycle status. */
export interface CurrentPlan {
  status: PlanStatus;
  plan: Plan;
  /** The plan stream's version: the ETag of the plan and the If-Match of the next write. */
  streamVersion: number;
}

/** One line of the plan list. */
export interface PlanSummary {
  upgradeId: string;
  title: string;
  status: PlanStatus;
  urgency: Plan['urgency'];
  requestedBy: string;
  windowStartsAt: Date | null;
  windowEndsAt: Date | null;
  streamVersion: number;
  proposedAt: Date;
}

/**
 * Port: planning's plans as its projection keeps them, written in each append's own transaction,
 * so a read after a command never lags behind it. Reactions pass their transaction.
 */
export abstract class PlanReadModel {
  /** The plan, or null when no plan has that id. */
  abstract plan(upgradeId: string): Promise<CurrentPlan | null>;

  /** Only the plan's status, or null when no plan has that id. */
  abstract status(upgradeId: string, tx?: Transaction): Promise<PlanStatus | null>;

  /** A page of plans, the newest proposed first, of one status when given. */
  abstract list(status: string | null, page: PageRequest): Promise<Page<PlanSummary>>;
}
