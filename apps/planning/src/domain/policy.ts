import type { PURPOSE_CATEGORIES, URGENCIES } from '@upgrade-control/contracts';

export type Category = (typeof PURPOSE_CATEGORIES)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Criticality = 'low' | 'medium' | 'high' | 'critical';
export type Reversibility = 'reversible' | 'forward-fix-only';

/**
 * "Different reasons require different levels of control." Security and compliance fixes move
 * faster; features wait for a low-risk window. Emergency is never derived: it takes an override
 * with a justification.
 */
export const URGENCY_BY_CATEGORY: Record<Category, Urgency> = {
  'security-fix': 'expedited',
  compliance: 'expedited',
  'bug-fix': 'planned',
  'end-of-support': 'planned',
  performance: 'planned',
  'hardware-support': 'planned',
  architecture: 'planned',
  feature: 'optional',
};

const CRITICALITY_ORDER: Criticality[] = ['low', 'medium', 'high', 'critical'];
export const highest = (levels: Criticality[]): Criticality =>
  levels.reduce<Criticality>((a, b) => (CRITICALITY_ORDER.indexOf(b) > CRITICALITY_ORDER.indexOf(a) ? b : a), 'low');

/**
 * Risk score, 0–100 (documented in docs/adr/0005):
 *   criticality of the most critical target or impacted asset: low 10, medium 20, high 30, critical 40
 * + blast radius: 3 per impacted asset, at most 30
 * + reversibility: reversible 0, forward-fix only 20, not yet planned 10
 * + urgency: emergency 10, expedited 5, planned or optional 0
 * Level: ≥ 70 critical, ≥ 50 high, ≥ 30 medium, else low.
 */
export function riskOf(input: {
  criticality: Criticality;
  impactedAssets: number;
  reversibility: Reversibility | null;
  urgency: Urgency;
}) {
  const score =
    { low: 10, medium: 20, high: 30, critical: 40 }[input.criticality] +
    Math.min(input.impactedAssets * 3, 30) +
    (input.reversibility === null ? 10 : input.reversibility === 'forward-fix-only' ? 20 : 0) +
    { emergency: 10, expedited: 5, planned: 0, optional: 0 }[input.urgency];
  const level: Criticality = score >= 70 ? 'critical' : score >= 50 ? 'high' : score >= 30 ? 'medium' : 'low';
  return { score, level };
}

/**
 * Separation of duties and the approval path: emergencies take one approver and owe a
 * post-implementation review; critical risk and irreversible changes need two distinct approvers.
 */
export function approvalPathOf(urgency: Urgency, riskLevel: Criticality, reversibility: Reversibility) {
  if (urgency === 'emergency') return { approvalPath: 'emergency' as const, requiredApprovals: 1 };
  if (riskLevel === 'critical' || reversibility === 'forward-fix-only')
    return { approvalPath: 'strict' as const, requiredApprovals: 2 };
  return { approvalPath: 'standard' as const, requiredApprovals: 1 };
}

/** "For critical systems, monitoring may continue for days or through one full business cycle." */
export const MONITORING_MINUTES: Record<Criticality, number> = {
  low: 4 * 60,
  medium: 24 * 60,
  high: 72 * 60,
  critical: 7 * 24 * 60,
};

/**
 * The shortest monitoring period a planner may set, by the criticality of what the upgrade
 * touches; configurable per deployment (MONITORING_MINIMUM_MINUTES), the defaults above stay the
 * period used when none is set. The rule book ("Post-upgrade monitoring should have a defined
 * duration. For small systems, several hours may be enough. For critical systems, monitoring may
 * continue for days or through one full business cycle."): a low criticality tool is watched at
 * least an hour, a medium one through several hours (4 h), a high one through half a day of real
 * traffic (12 h), a critical one through one full daily cycle, scheduled tasks and peak included (24 h).
 */
export type MonitoringMinimums = Record<Criticality, number>;
export const DEFAULT_MONITORING_MINIMUM_MINUTES: MonitoringMinimums = {
  low: 60,
  medium: 4 * 60,
  high: 12 * 60,
  critical: 24 * 60,
};

/** Minutes of notice users get before the window, by urgency; configurable per deployment. */
export type NoticeLeadTimes = Record<Urgency, number>;
export const DEFAULT_NOTICE_LEAD_TIMES: NoticeLeadTimes = {
  optional: 5 * 1440,
  planned: 5 * 1440,
  expedited: 1440,
  emergency: 0,
};

/**
 * Days an emergency change has for its post-implementation review once execution finished; the
 * review is due that long after planning saw execution end. Configurable per deployment.
 */
export const DEFAULT_POST_IMPLEMENTATION_REVIEW_DAYS = 5;
