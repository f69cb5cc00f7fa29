import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { id } from '../common.js';
import { TRIGGER_MODES } from './vocabulary.js';

/**
 * Metric analysis in the plan (issue 17): what monitoring measures after release, how often, and
 * how each run is judged against a baseline taken before the window. Modelled on Argo Rollouts'
 * AnalysisTemplate (interval, count, failure/inconclusive/consecutive-error limits) and Kayenta's
 * Mann-Whitney judgement, with the baseline chosen in the plan and captured as numbers.
 */

export const ANALYSIS_PROVIDERS = ['prometheus', 'pushed'] as const;
/** The direction in which a change of the metric does harm (latency: increase; throughput: decrease). */
export const HARM_DIRECTIONS = ['increase', 'decrease'] as const;
/** Template variables a query may use, written `{{assetId}}`; resolved against the inventory per target. */
export const ANALYSIS_TEMPLATE_VARIABLES = ['assetId', 'site', 'node'] as const;
/** How a run's values become the one number an absolute or relative threshold is held against. */
export const ANALYSIS_AGGREGATES = ['mean', 'median', 'min', 'max', 'last'] as const;
export const ANALYSIS_VERDICTS = ['pass', 'fail', 'inconclusive', 'error'] as const;
/** What a run without values is: never a pass (a silent metric hides what the analysis is for). */
export const NO_DATA_VERDICTS = ['inconclusive', 'fail'] as const;

const harm = z.enum(HARM_DIRECTIONS);
const aggregate = z.enum(ANALYSIS_AGGREGATES);
const noData = z.enum(NO_DATA_VERDICTS);

/** Fails when the run's aggregate is beyond the threshold in the harmful direction. */
const absoluteJudgement = z.object({ kind: z.literal('absolute'), harm, aggregate, threshold: z.number(), noData });

/**
 * Compared with the baseline aggregated the same way: fails beyond baseline x factor (baseline /
 * factor for harm by decrease; factor >= 1) or baseline +/- delta (delta >= 0).
 */
const relativeJudgement = z.object({
  kind: z.literal('relative'),
  harm,
  aggregate,
  change: z.union([
    z.object({ factor: z.number().min(1) }).strict(),
    z.object({ delta: z.number().nonnegative() }).strict(),
  ]),
  noData,
});

/**
 * Mann-Whitney U of the run's values against the baseline's: fails when a change in a harmful
 * direction is significant at the confidence AND at least the minimum effect (rank-biserial,
 * scale free 0..1, or the Hodges-Lehmann shift in the metric's unit).
 */
const statisticalJudgement = z.object({
  kind: z.literal('mann-whitney'),
  harm: z.enum([...HARM_DIRECTIONS, 'either']),
  confidence: z.number().min(0.5).max(0.9999),
  minimumEffect: z.object({ measure: z.enum(['rank-biserial', 'shift']), value: z.number().nonnegative() }),
  noData,
});

export const analysisJudgement = z.discriminatedUnion('kind', [
  absoluteJudgement,
  relativeJudgement,
  statisticalJudgement,
]);
/** The judgement as monitoring's analysis applies it (one type for the wire and the domain). */
export type AnalysisJudgement = z.infer<typeof analysisJudgement>;

/**
 * The baseline period: the same clock hours as the monitoring period on each of the `days` days
 * before the window, or the `minutes` right before the window starts.
 */
export const analysisBaseline = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same-hours'), days: z.number().int().min(1).max(28) }),
  z.object({ kind: z.literal('preceding'), minutes: z.number().int().min(5).max(10080) }),
]);

export const analysisMetric = z.object({
  /** Unique in the plan; names the metric in events, the record and the gate report. */
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/),
  provider: z.enum(ANALYSIS_PROVIDERS),
  /** PromQL with `{{assetId}}`-style variables for `prometheus`; the pushed metric's name for `pushed`. */
  query: z.string().min(1).max(2000),
  intervalSeconds: z.number().int().min(10).max(3600),
  /** Runs per target; null: every interval until the monitoring period ends. */
  count: z.number().int().positive().nullable(),
  judgement: analysisJudgement,
  baseline: analysisBaseline,
  /** The analysis fails when failed runs exceed failureLimit (Argo's semantics: 0 = the first failure). */
  failureLimit: z.number().int().nonnegative(),
  inconclusiveLimit: z.number().int().nonnegative(),
  consecutiveErrorLimit: z.number().int().nonnegative(),
  /** What a failed analysis does, as a rollback trigger's mode does for a regression. */
  mode: z.enum(TRIGGER_MODES),
  /** What inconclusive or error runs past their limit do: pause and ask a human, or roll back. */
  onInconclusive: z.enum(['pause', 'rollback']),
  /** One target, or null for every target of the plan. */
  assetId: id.nullable(),
});

export type AnalysisMetric = z.infer<typeof analysisMetric>;
export type AnalysisBaseline = z.infer<typeof analysisBaseline>;

export const AnalysisDefined = defineEvent({
  type: 'AnalysisDefined',
  producer: 'planning',
  description:
    "The plan's metric analysis after release: each metric's query, interval, judgement, baseline period and limits; replaces any earlier definition.",
  schema: z.object({ upgradeId: id, metrics: z.array(analysisMetric).max(20) }),
});
