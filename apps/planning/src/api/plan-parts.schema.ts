import { z } from 'zod';
import * as E from '@upgrade-control/contracts';

/**
 * The parts of a plan that its fold (domain/upgrade-plan/evolve.ts) builds from several events
 * rather than copying one payload: their shapes in the contracts' own terms, for the document.
 */

const revision = z
  .number()
  .int()
  .nonnegative()
  .describe('the targets revision it assessed; older than targetsRevision means stale');

export const impactPart = E.ImpactAssessed.schema.extend({ revision });

export const compatibilityPart = z.object({
  stage: z.string().describe('submit, readiness or manual: when the assessment ran'),
  findings: E.CompatibilityAssessed.schema.shape.findings,
  revision,
});

const deliveryOutcome = z.object({
  deliveryId: z.string(),
  status: z.enum(['delivered', 'failed']),
  at: E.isoDateTime,
  reason: z.string().nullable(),
});

export const noticeRequestPart = E.NoticeRequested.schema.extend({
  outcomes: z.array(deliveryOutcome).describe('how each delivery that ended so far ended, in the order heard'),
});

export const windowPart = z.object({ startsAt: E.isoDateTime, endsAt: E.isoDateTime });

export const reapprovalPart = z.object({ changes: z.array(z.string()) });

export const closeHeldPart = E.UpgradeCloseHeld.schema.omit({ upgradeId: true });

export const reviewPart = z.object({
  dueAt: E.isoDateTime,
  closed: E.PostImplementationReviewClosed.schema.nullable(),
  followUpsDone: z.array(z.number().int().positive()),
});
