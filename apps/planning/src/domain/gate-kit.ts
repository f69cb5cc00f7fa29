import type { CapturedBaseline } from '@upgrade-control/contracts';
import type { GateResult } from '@upgrade-control/platform/domain';
import type { MonitoringMinimums, NoticeLeadTimes } from './policy.js';
import type { OnCallShift } from './support/coverage.js';
import type { Finding, Plan, PlanStatus } from './upgrade-plan.state.js';

/** Facts from outside the plan that the gates need at submission and readiness; the caller gathers them. */
export interface GateFacts {
  /** Compatibility as it stands now (re-checked against the current inventory). */
  currentFindings: Finding[] | null;
  /** Freezes and blackouts on the calendar that overlap the window and cover the plan's assets. */
  freezesInWindow: { freezeId: string; name: string }[];
  noticeLeadTimes: NoticeLeadTimes;
  /** Monitoring's latest baseline per asset for this upgrade, as planning heard of them. */
  baselines: CapturedBaseline[];
  /** The deployment's shortest monitoring period per criticality. */
  monitoringMinimums: MonitoringMinimums;
  /** The plan's status, where the caller knows it: gates about after the window apply only then. */
  status?: PlanStatus;
  /** Support roster shifts overlapping the plan's window (none known: nobody is on call). */
  onCall?: OnCallShift[];
}

export type Gate = {
  gate: string;
  rule: string;
  check(plan: Plan, facts: GateFacts): Omit<GateResult, 'gate' | 'rule'>;
};

export const passed = { status: 'passed' as const, missing: [], fix: null };
export const failed = (missing: string[], fix: string) => ({ status: 'failed' as const, missing, fix });
export const notApplicable = { status: 'not-applicable' as const, missing: [], fix: null };
export const isEmergency = (plan: Plan) => plan.urgency === 'emergency';
