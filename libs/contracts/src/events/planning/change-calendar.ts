import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime } from '../common.js';

/** The change calendar: freezes and blackouts that scheduling must respect. */

export const ChangeFreezeDeclared = defineEvent({
  type: 'ChangeFreezeDeclared',
  producer: 'planning',
  description: 'A change freeze or blackout window on the change calendar.',
  schema: z.object({
    freezeId: id,
    kind: z.enum(['freeze', 'blackout']),
    name: z.string().min(1),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    scope: z.object({ all: z.boolean(), assetIds: z.array(id), sites: z.array(z.string()) }),
    reason: z.string(),
  }),
});
