import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id, isoDateTime } from '../common.js';

/**
 * Staged rollout in the plan (issue 18): ordered waves, each with the targets it moves, its own
 * window, the acceptance checks and analysis that judge it, how long it bakes and how it is
 * promoted to the next. Execution will later record WavePromoted / WaveHeld / WaveRolledBack
 * against a wave by its `name`, and read the plan-level `onRegression` to decide what happens to
 * the other waves; nothing here anticipates those events' shapes beyond naming the wave.
 */

export const WAVE_PROMOTIONS = ['automatic', 'approval'] as const;
/** What a regression in a wave does to the waves before it: roll them back too, or hold them as they are. */
export const EARLIER_WAVES_ON_REGRESSION = ['roll-back', 'hold'] as const;
/** What it does to the waves after it: cancel them, or pause them until someone decides. */
export const LATER_WAVES_ON_REGRESSION = ['cancel', 'pause'] as const;

/**
 * Where a wave's targets came from, kept beside the resolved ids so a reader sees the intent:
 * the assets named, or every plan target at a site and/or node (at least one of the two).
 */
export const waveSelector = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assets'), assetIds: z.array(id).min(1) }),
  z.object({ kind: z.literal('location'), site: id.nullable(), node: id.nullable() }),
]);

/** What judges a wave while it bakes: metrics of the plan's analysis by name, or the plan's rollback triggers. */
export const waveAnalysis = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('metrics'), metrics: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('triggers') }),
]);

export const wave = z.object({
  /** Unique in the plan; names the wave in later events and the record. */
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/),
  /** Only the first wave may be a pilot. */
  pilot: z.boolean(),
  selector: waveSelector,
  /** The selector resolved against the plan's targets at plan time (asset ids, sorted). */
  targets: z.array(id).min(1),
  window: z.object({ startsAt: isoDateTime, endsAt: isoDateTime }),
  /** Criterion ids of the plan's acceptance criteria checked for this wave. */
  acceptance: z.array(id),
  analysis: waveAnalysis,
  /** How long the wave's analysis must stay healthy after acceptance before the next wave may start. */
  bakeMinutes: z.number().int().nonnegative().max(43200),
  promotion: z.enum(WAVE_PROMOTIONS),
});

export const regressionPolicy = z.object({
  earlierWaves: z.enum(EARLIER_WAVES_ON_REGRESSION),
  laterWaves: z.enum(LATER_WAVES_ON_REGRESSION),
});

export type Wave = z.infer<typeof wave>;
export type WaveSelector = z.infer<typeof waveSelector>;
export type RegressionPolicy = z.infer<typeof regressionPolicy>;

export const WavesDefined = defineEvent({
  type: 'WavesDefined',
  producer: 'planning',
  description:
    "The plan's staged rollout: ordered waves (the first may be a pilot), each with its targets, window, acceptance, analysis, bake time and promotion, and what a regression does to the other waves; replaces any earlier definition, an empty list removes the waves.",
  schema: z.object({
    upgradeId: id,
    waves: z.array(wave).max(20),
    onRegression: regressionPolicy,
  }),
});
