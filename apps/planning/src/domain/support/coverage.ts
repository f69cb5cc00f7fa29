import { SUPPORT_ROLES } from '@upgrade-control/contracts';
import { gateRefused, type DomainError, type GateResult } from '@upgrade-control/platform/domain';
import type { Interval } from '../calendar.js';

// Support availability (rule book: "Key technical staff, application owners, network engineers,
// database administrators, security teams, and vendor support should be reachable during the
// window"): every role the plan requires has somebody on call for every minute of the window.

export type SupportRole = (typeof SUPPORT_ROLES)[number];
/** The roles in the contract's order, in which a plan lists them. */
export const SUPPORT_ROLE_ORDER: readonly SupportRole[] = SUPPORT_ROLES;

/** One shift of the support roster: an authenticated principal on call for a role. */
export interface OnCallShift extends Interval {
  shiftId: string;
  role: SupportRole;
  principal: string;
}

/** A required role and the parts of the window nobody covers for it. */
export interface RosterGap {
  role: SupportRole;
  uncovered: Interval[];
}

export const SUPPORT_ROSTER_RULE =
  'Support availability: every support role the plan requires has somebody on call for the whole window.';
export const SUPPORT_ROLES_FIX = 'PUT /upgrades/{id}/support-roles with the roles that must be reachable';
export const SUPPORT_ROSTER_FIX =
  'a planner or approver: POST /roster/shifts for the role over the uncovered interval, or move the window';

const iso = (ms: number) => new Date(ms).toISOString();

/** The parts of the window that none of the shifts covers, in order. */
export function uncoveredParts(window: Interval, shifts: Interval[]): Interval[] {
  const end = Date.parse(window.endsAt);
  const sorted = [...shifts].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const gaps: Interval[] = [];
  let covered = Date.parse(window.startsAt);
  for (const shift of sorted) {
    if (covered >= end) break;
    const [from, to] = [Date.parse(shift.startsAt), Date.parse(shift.endsAt)];
    if (to <= covered) continue;
    if (from > covered) gaps.push({ startsAt: iso(covered), endsAt: iso(Math.min(from, end)) });
    covered = Math.max(covered, to);
  }
  if (covered < end) gaps.push({ startsAt: iso(covered), endsAt: iso(end) });
  return gaps;
}

/** Each required role with a part of the window nobody is on call for. */
export function rosterGaps(roles: SupportRole[], window: Interval, shifts: OnCallShift[]): RosterGap[] {
  return roles
    .map((role) => ({
      role,
      uncovered: uncoveredParts(
        window,
        shifts.filter((s) => s.role === role),
      ),
    }))
    .filter((gap) => gap.uncovered.length > 0);
}

export const describeGap = ({ role, uncovered }: RosterGap) =>
  `somebody on call as ${role} for ${uncovered.map((i) => `${i.startsAt} – ${i.endsAt}`).join(', ')}`;

/** The support-roster gate on a window: the roles must be named, and each covered for all of it. */
export function supportRosterCheck(
  roles: SupportRole[] | null,
  window: Interval,
  shifts: OnCallShift[],
): Omit<GateResult, 'gate' | 'rule'> {
  if (!roles)
    return { status: 'failed', missing: ['the support roles that must be reachable'], fix: SUPPORT_ROLES_FIX };
  const gaps = rosterGaps(roles, window, shifts);
  return gaps.length
    ? { status: 'failed', missing: gaps.map(describeGap), fix: SUPPORT_ROSTER_FIX }
    : { status: 'passed', missing: [], fix: null };
}

/** Scheduling's refusal of a window some required role is not covered for (or of any, while no roles are named). */
export function supportRosterRefusal(
  roles: SupportRole[] | null,
  window: Interval,
  shifts: OnCallShift[],
): DomainError | null {
  const check = supportRosterCheck(roles, window, shifts);
  if (check.status !== 'failed') return null;
  return gateRefused(`the maintenance window is refused: ${check.missing.join('; ')}`, [
    { gate: 'support-roster', rule: SUPPORT_ROSTER_RULE, ...check },
  ]);
}
