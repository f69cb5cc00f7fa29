import { illegalTransition, type Decision, type DomainError } from '@upgrade-control/platform/domain';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import type { Plan, PlanEvent, PlanStatus } from '../upgrade-plan.state.js';

/** One of the plan's commands, by its type. */
export type CommandOf<T extends PlanCommand['type']> = Extract<PlanCommand, { type: T }>;

export type PlanDecision = Decision<PlanEvent>;

/** What every command after the proposal decides on: a plan that exists, in some status. */
export interface OnPlan {
  status: PlanStatus;
  plan: Plan;
  upgradeId: string;
  /** Null while the plan is in one of these statuses; otherwise the command's illegal-transition refusal. */
  allowedIn(...statuses: PlanStatus[]): DomainError | null;
}

export function onPlan(command: PlanCommand['type'], status: PlanStatus, plan: Plan): OnPlan {
  return {
    status,
    plan,
    upgradeId: plan.upgradeId,
    allowedIn: (...statuses) => (statuses.includes(status) ? null : illegalTransition(status, command)),
  };
}

/** Up to the window the plan can still be cancelled and users told what is coming; from it on, only told. */
export const BEFORE_WINDOW: PlanStatus[] = ['Draft', 'Submitted', 'Approved', 'Scheduled', 'ReadyForExecution'];
export const AFTER_WINDOW: PlanStatus[] = ['InExecution', 'Monitoring', 'Closed', 'RolledBack', 'Failed'];
