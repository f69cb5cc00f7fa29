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
/** What a run's values are reduced to for an absolute or relative judgement. */
export const ANALYSIS_STATISTICS = ['mean', 'p95', 'max', 'min'] as const;
export const ANALYSIS_VERDICTS = ['pass', 'fail', 'inconclusive', 'error'] as const;

const harm = z.enum(HARM_DIRECTIONS);
const statistic = z.enum(ANALYSIS_STATISTICS);

/** Fails when the run's statistic is beyond the threshold in the harmful direction. */
const absoluteJudgement = z.object({ kind: z.literal('absolute'), statistic, harm, threshold: z.number() });

/**
 * Compared with the same statistic of the baseline: fails beyond baseline × factor (factor > 1 for
 * harm by increase, < 1 for harm by decrease) or baseline ± delta; exactly one of factor, delta.
 */
const relativeJudgement = z.object({
  kind: z.literal('relative'),
  statistic,
  harm,
  factor: z.number().positive().nullable(),
  delta: z.number().positive().nullable(),
});

/**
 * Mann-Whitney U of the run's values against the baseline's: fails when the shift in a harmful
 * direction is significant at the confidence and its effect size (rank-biserial, 0..1) reaches
 * the minimum; too few values is inconclusive, never a pass.
 */
const statisticalJudgement = z.object({
  kind: z.literal('statistical'),
  test: z.literal('mann-whitney-u'),
  harm: z.array(harm).min(1).max(2),
  confidence: z.number().min(0.5).max(0.9999),
  minEffectSize: z.number().min(0).max(1),
});

export const analysisJudgement = z.discriminatedUnion('kind', [
  absoluteJudgement,
  relativeJudgement,
  statisticalJudgement,
]);

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

export const AnalysisDefined = defineEvent({
  type: 'AnalysisDefined',
  producer: 'planning',
  description:
    "The plan's metric analysis after release: each metric's query, interval, judgement, baseline period and limits; replaces any earlier definition.",
  schema: z.object({ upgradeId: id, metrics: z.array(analysisMetric).max(20) }),
});
