import { accept, invalid, refuse, type DomainError } from '@upgrade-control/platform/domain';
import { closeMissing } from '../gates.js';
import type { Plan, PlanEvent, PlanStatus } from '../upgrade-plan.state.js';
import { byTheRequester } from './approval.js';
import type { CommandOf, OnPlan, PlanDecision } from './context.js';
import { closed } from './following.js';

// The post-implementation review: "emergencies take one approver and owe a post-implementation
// review" (policy.ts). It falls due when execution finished, an approver who did not request the
// change closes it, and the upgrade closes only after it (the close waits, gates.ts closeMissing).

type Finished = 'Monitoring' | 'RolledBack' | 'Failed';
/** Execution has finished in these: the upgrade is monitored, rolled back or failed for good. */
const FINISHED: PlanStatus[] = ['Monitoring', 'RolledBack', 'Failed'];

/**
 * Execution finished: an emergency's review falls due the policy's days after planning saw it.
 * Other changes owe none, and a review once due keeps its date (a rollback after monitoring
 * does not move it).
 */
export function owePostImplementationReview(
  command: CommandOf<'OwePostImplementationReview'>,
  { status, plan, upgradeId, allowedIn }: OnPlan,
): PlanDecision {
  if (plan.urgency !== 'emergency' || plan.review) return accept();
  const refusal = allowedIn(...FINISHED);
  if (refusal) return refuse(refusal);
  const dueAt = new Date(command.now.getTime() + command.days * 86_400_000).toISOString();
  return accept({
    type: 'PostImplementationReviewDue',
    payload: { upgradeId, status: status as Finished, dueAt, causedByEventId: command.causedByEventId },
  });
}

/**
 * An approver closes the review with what was found, why it happened, what was learned and who
 * does what by when. A close held only for this review completes with it.
 */
export function closePostImplementationReview(
  command: CommandOf<'ClosePostImplementationReview'>,
  { status, plan, upgradeId }: OnPlan,
): PlanDecision {
  const refusal = reviewRefusal(command, status, plan) ?? followUpRefusal(command);
  if (refusal) return refuse(refusal);
  const reviewed: PlanEvent = {
    type: 'PostImplementationReviewClosed',
    payload: {
      upgradeId,
      closedBy: command.reviewer.id,
      findings: command.findings,
      rootCause: command.rootCause,
      lessons: command.lessons,
      followUps: command.followUps.map((f, i) => ({
        followUp: i + 1,
        action: f.action,
        owner: f.owner!,
        dueAt: f.dueAt!,
      })),
    },
  };
  const withReview: Plan = { ...plan, review: { ...plan.review!, closed: reviewed.payload } };
  const closes = status === 'Monitoring' && plan.closeHeld !== null && closeMissing(withReview).length === 0;
  return closes ? accept(reviewed, closed(plan)) : accept(reviewed);
}

/** Whether this review can be closed now, and by this principal. */
function reviewRefusal(
  { reviewer }: CommandOf<'ClosePostImplementationReview'>,
  status: PlanStatus,
  plan: Plan,
): DomainError | null {
  const inState = (message: string): DomainError => ({
    kind: 'illegal-transition',
    message,
    from: status,
    command: 'ClosePostImplementationReview',
  });
  // Only the emergency path skipped the full review before the change.
  if (plan.urgency !== 'emergency')
    return inState(
      `upgrade ${plan.upgradeId} is ${plan.urgency}, not an emergency: it owes no post-implementation review`,
    );
  if (!plan.review)
    return inState(
      `the post-implementation review is not due yet: it falls due once execution finishes (the upgrade is ${status})`,
    );
  if (plan.review.closed)
    return inState(`the post-implementation review was already closed by ${plan.review.closed.closedBy}`);
  if (reviewer.role !== 'approver')
    return {
      kind: 'forbidden',
      message: `only an approver closes a post-implementation review; ${reviewer.id} acts as ${reviewer.role}`,
    };
  return byTheRequester(
    reviewer.id,
    plan,
    `${reviewer.id} requested this upgrade and cannot close its post-implementation review`,
  );
}

/** Every follow-up names who does it (a principal) and by when, still ahead. */
function followUpRefusal({ followUps, now }: CommandOf<'ClosePostImplementationReview'>): DomainError | null {
  for (const [i, f] of followUps.entries()) {
    const [which, field] = [`follow-up ${i + 1} ("${f.action}")`, `followUps[${i}]`];
    if (!f.owner?.trim())
      return invalid(
        `${field}.owner`,
        'owner-required',
        `${field}.owner is missing: ${which} needs an owner, the principal who does it`,
      );
    if (!f.dueAt)
      return invalid(`${field}.dueAt`, 'due-date-required', `${field}.dueAt is missing: ${which} needs a due date`);
    if (Date.parse(f.dueAt) <= now.getTime())
      return invalid(
        `${field}.dueAt`,
        'due-in-future',
        `${field}.dueAt ${f.dueAt} has passed: ${which} must be due ahead`,
      );
  }
  return null;
}

/** Only the follow-up's owner marks it done, once. */
export function completeReviewFollowUp(
  command: CommandOf<'CompleteReviewFollowUp'>,
  { plan, upgradeId }: OnPlan,
): PlanDecision {
  const followUp = plan.review?.closed?.followUps.find((f) => f.followUp === command.followUp);
  if (!followUp)
    return refuse({
      kind: 'not-found',
      message: `the review of upgrade ${upgradeId} has no follow-up ${command.followUp}`,
    });
  if (followUp.owner !== command.by)
    return refuse({
      kind: 'forbidden',
      message: `only ${followUp.owner}, the follow-up's owner, marks follow-up ${command.followUp} done`,
    });
  if (plan.review!.followUpsDone.includes(command.followUp)) return accept();
  return accept({
    type: 'PostImplementationFollowUpDone',
    payload: { upgradeId, followUp: command.followUp, doneBy: command.by },
  });
}
