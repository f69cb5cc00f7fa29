import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, nonEmptyText } from '../common.js';

/** Following and closing: withdrawal, the status mirrored from execution and monitoring, and closure. */

export const UpgradeCancelled = defineEvent({
  type: 'UpgradeCancelled',
  producer: 'planning',
  description: 'The plan was withdrawn before execution.',
  schema: z.object({ upgradeId: id, reason: nonEmptyText }),
});

export const UpgradeStatusChanged = defineEvent({
  type: 'UpgradeStatusChanged',
  producer: 'planning',
  description: 'The plan followed execution or monitoring into InExecution, Monitoring, RolledBack or Failed.',
  schema: z.object({
    upgradeId: id,
    status: z.enum(['InExecution', 'Monitoring', 'RolledBack', 'Failed']),
    causedByEventId: id,
  }),
});

export const UpgradeCloseHeld = defineEvent({
  type: 'UpgradeCloseHeld',
  producer: 'planning',
  description:
    'Stability was confirmed, but the plan cannot close yet: what is missing (e.g. the after-upgrade notice) is listed; it closes once that is recorded.',
  schema: z.object({ upgradeId: id, causedByEventId: id, missing: z.array(nonEmptyText).min(1) }),
});

export const UpgradeClosed = defineEvent({
  type: 'UpgradeClosed',
  producer: 'planning',
  description: 'Stability confirmed; the upgrade is closed. Emergency upgrades carry their review follow-up.',
  schema: z.object({
    upgradeId: id,
    outcome: z.enum(['succeeded', 'rolled-back', 'failed']),
    postImplementationReviewRequired: z.boolean(),
  }),
});
