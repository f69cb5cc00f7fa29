import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime } from '../common.js';

/** Evidence the plan learns from what execution measured (issue 14: evidence, not claims). */

export const RestoreMeasured = defineEvent({
  type: 'RestoreMeasured',
  producer: 'planning',
  description:
    "A backup of the plan was restored and timed by execution's verification: the plan records the measured " +
    'duration, which feeds the rollback estimate (the latest measured restore counts).',
  schema: z.object({
    upgradeId: id,
    backupId: id,
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    durationMs: z.number().int().positive(),
    /** The measured duration in whole minutes, rounded up: what the window must hold. */
    minutes: z.number().int().positive(),
    /** Execution's BackupVerified that measured it; recorded once per verification. */
    causedByEventId: id,
  }),
});
