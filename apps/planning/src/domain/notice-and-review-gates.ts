import { failed, isEmergency, notApplicable, passed, type Gate } from './gate-kit.js';
import { deliveryNote, toldAt, untold, type NoticePhase } from './notices.js';
import type { Plan, PlanStatus } from './upgrade-plan.state.js';

// The gates about telling users and closing up: notices before, after and on rollback, and an
// emergency's post-implementation review. What closing waits for is defined here once.

/** From the window on until closing: the after-upgrade notice is owed (a rollback is another story). */
const UNTIL_CLOSED: PlanStatus[] = ['InExecution', 'Monitoring', 'Closed'];

/** The affected user groups not yet told after the upgrade; the plan closes only once this is empty. */
export function afterNoticeMissing(plan: Plan): string[] {
  return untold(plan, 'after', 'an after-upgrade notice');
}

/** After the window (rolled back or failed too): an emergency's review is owed from here on. */
const AFTER_WINDOW: PlanStatus[] = [...UNTIL_CLOSED, 'RolledBack', 'Failed'];

/** An emergency's review, while no approver has closed it; nothing for other changes. */
export function reviewMissing(plan: Plan): string[] {
  if (!isEmergency(plan) || plan.review?.closed) return [];
  const due = plan.review ? `due ${plan.review.dueAt}` : 'due once execution finishes';
  return [`a post-implementation review closed by an approver (${due})`];
}

/** Everything closing waits for: the after-upgrade notices, then an emergency's review. */
export const closeMissing = (plan: Plan): string[] => [...afterNoticeMissing(plan), ...reviewMissing(plan)];
/** A notice counts once delivered (ADR 13): the fix names the request and the subscriber it needs. */
const noticeFix = (phase: NoticePhase) =>
  `POST /upgrades/{id}/notices with phase "${phase}"; it counts once a subscriber of each group answered 2xx (register one with POST /notice-subscriptions)`;

/** Users told before, after and on rollback; an emergency reviewed: gate by gate. */
export const NOTICE_AND_REVIEW_GATES: Gate[] = [
  {
    gate: 'communication',
    rule: 'Communicate with users before the change: every affected user group notified at least the lead time before the window.',
    check: (plan, facts) => {
      if (!plan.window) return failed(['a maintenance window to announce'], 'schedule the window first');
      const due = Date.parse(plan.window.startsAt) - facts.noticeLeadTimes[plan.urgency] * 60_000;
      const groups = plan.impact?.userGroups ?? [];
      // Lead time runs from delivery (the first 2xx), not from the request.
      const told = toldAt(plan, 'before');
      const late = groups.filter((g) => !((told.get(g) ?? Infinity) <= due));
      return late.length
        ? failed(
            late.map((g) => `a notice to ${g} by ${new Date(due).toISOString()}${deliveryNote(plan, 'before', g)}`),
            noticeFix('before'),
          )
        : passed;
    },
  },
  {
    gate: 'after-notice',
    rule: 'Communicate with users after the change: every affected user group is told the outcome before the upgrade closes.',
    check: (plan, facts) => {
      if (!facts.status || !UNTIL_CLOSED.includes(facts.status)) return notApplicable;
      const missing = afterNoticeMissing(plan);
      return missing.length ? failed(missing, noticeFix('after')) : passed;
    },
  },
  {
    gate: 'rollback-notice',
    rule: 'Communicate with users after a rollback: every affected user group is told the upgrade was rolled back.',
    check: (plan, facts) => {
      // Planning sends it by itself when the rollback completes (ADR 13); this shows whether it arrived.
      if (facts.status !== 'RolledBack') return notApplicable;
      const missing = untold(plan, 'rollback', 'a rollback notice');
      return missing.length ? failed(missing, noticeFix('rollback')) : passed;
    },
  },
  {
    gate: 'post-implementation-review',
    rule: 'An emergency change owes a post-implementation review, closed by an approver other than the requester within the policy’s days; it does not close before.',
    check: (plan, facts) => {
      if (!isEmergency(plan) || !facts.status || !AFTER_WINDOW.includes(facts.status)) return notApplicable;
      const missing = reviewMissing(plan);
      return missing.length
        ? failed(
            missing,
            'an approver other than the requester: POST /upgrades/{id}/post-implementation-review with findings, root cause, lessons and follow-ups',
          )
        : passed;
    },
  },
];
