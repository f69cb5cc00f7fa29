import type { Transaction } from '@upgrade-control/platform';
import type { Plan, PlanStatus } from '../domain/upgrade-plan.state.js';

/** A plan as its events make it now, and its lifecycle status. */
export interface CurrentPlan {
  status: PlanStatus;
  plan: Plan;
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

  /** The newest plans first (at most 500), of one status when given. */
  abstract list(status: string | null): Promise<PlanSummary[]>;
}
