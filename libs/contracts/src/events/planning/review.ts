import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime, nonEmptyText } from '../common.js';

/** The post-implementation review an emergency change owes once its execution finished. */

export const PostImplementationReviewDue = defineEvent({
  type: 'PostImplementationReviewDue',
  producer: 'planning',
  description:
    "An emergency change's execution finished (the plan followed it into the status given): its post-implementation review is due by dueAt, planning's clock plus the policy's days.",
  schema: z.object({
    upgradeId: id,
    status: z.enum(['Monitoring', 'RolledBack', 'Failed']),
    dueAt: isoDateTime,
    causedByEventId: id,
  }),
});

export const PostImplementationReviewClosed = defineEvent({
  type: 'PostImplementationReviewClosed',
  producer: 'planning',
  description:
    'An approver other than the requester (the authenticated principal) closed the review: findings, root cause, lessons and the follow-ups, each with its owner and due date.',
  schema: z.object({
    upgradeId: id,
    closedBy: id,
    findings: nonEmptyText,
    rootCause: nonEmptyText,
    lessons: nonEmptyText,
    followUps: z.array(
      z.object({ followUp: z.number().int().positive(), action: nonEmptyText, owner: id, dueAt: isoDateTime }),
    ),
  }),
});

export const PostImplementationFollowUpDone = defineEvent({
  type: 'PostImplementationFollowUpDone',
  producer: 'planning',
  description: 'A follow-up of the review was marked done by its owner (the authenticated principal).',
  schema: z.object({ upgradeId: id, followUp: z.number().int().positive(), doneBy: id }),
});
