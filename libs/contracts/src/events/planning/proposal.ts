import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, nonEmptyText } from '../common.js';
import { PURPOSE_CATEGORIES, URGENCIES, target } from './vocabulary.js';

/** Drafting: the change request and the assets it moves. */

export const UpgradeProposed = defineEvent({
  type: 'UpgradeProposed',
  producer: 'planning',
  description: 'A change request exists: why (category, statement), how urgent, and which assets to which versions.',
  schema: z.object({
    upgradeId: id,
    title: z.string().min(1),
    category: z.enum(PURPOSE_CATEGORIES),
    purpose: nonEmptyText,
    urgency: z.enum(URGENCIES),
    urgencyOverride: z.object({ from: z.enum(URGENCIES), justification: nonEmptyText }).nullable(),
    targets: z.array(target).min(1),
    requestedBy: id,
  }),
});

export const UpgradeTargetAdded = defineEvent({
  type: 'UpgradeTargetAdded',
  producer: 'planning',
  description: 'Another asset joins the plan (e.g. a driver that must move with the database).',
  schema: z.object({ upgradeId: id, target, reason: nonEmptyText }),
});
