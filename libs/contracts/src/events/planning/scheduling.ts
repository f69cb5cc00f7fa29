import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime } from '../common.js';
import { minutes } from './vocabulary.js';

/** Scheduling: the maintenance window and the notices to affected users. */

export const MaintenanceWindowScheduled = defineEvent({
  type: 'MaintenanceWindowScheduled',
  producer: 'planning',
  description: 'The window, long enough for the upgrade and for rolling it back, with the rollback-decision deadline.',
  schema: z.object({
    upgradeId: id,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    estimates: z.object({
      preparation: minutes,
      finalBackup: minutes,
      upgrade: minutes,
      verification: minutes,
      repairBuffer: minutes,
      rollbackDecision: minutes,
      rollbackExecution: minutes,
    }),
    rollbackDecisionDeadline: isoDateTime,
  }),
});

export const noticeMessage = z.object({
  expectedTime: z.string().nullable(),
  serviceImpact: z.string().nullable(),
  limitations: z.string().nullable(),
  contact: z.string().nullable(),
  avoid: z.string().nullable(),
  availableAgain: z.boolean().nullable(),
  changes: z.string().nullable(),
  knownIssues: z.string().nullable(),
});

/** A notice as version 1 recorded it; version 2 adds the sender's own time as a reference. */
const notice = z.object({
  upgradeId: id,
  phase: z.enum(['before', 'after']),
  userGroups: z.array(z.string()).min(1),
  channel: z.string().min(1),
  sentAt: isoDateTime,
  message: noticeMessage,
});

export const UsersNotified = defineEvent({
  type: 'UsersNotified',
  schemaVersion: 2,
  producer: 'planning',
  description:
    'A notice to affected user groups, before or after the window. sentAt is when planning received it (server clock); lead times count from it.',
  schema: notice.extend({
    /** The sender's own account of when it went out: informative only, never counted. */
    reportedSentAt: isoDateTime.nullable(),
  }),
});

/** Version 1 took sentAt from the client; upcast on read (the recorded time becomes sentAt). */
export const UsersNotifiedV1 = defineEvent({
  type: 'UsersNotified',
  schemaVersion: 1,
  producer: 'planning',
  description: 'Superseded by version 2 (sentAt is the server receipt time; the client time is only reported).',
  schema: notice,
});
