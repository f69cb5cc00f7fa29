import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { id, isoDateTime, nonEmptyText } from './common.js';
import { ANALYSIS_VERDICTS } from './planning/analysis.js';

/**
 * Monitoring's metric analysis (issue 17): the baseline and every run are captured as numbers, so
 * a judgement can be replayed and audited without the metric provider.
 */

const period = z.object({ from: isoDateTime, to: isoDateTime });

export const AnalysisBaselineCaptured = defineEvent({
  type: 'AnalysisBaselineCaptured',
  producer: 'monitoring',
  description:
    "The baseline of one analysis metric on one target: the resolved query over the plan's baseline periods before the window, and every value it returned.",
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    query: z.string().min(1),
    periods: z.array(period).min(1),
    values: z.array(z.number()),
    capturedAt: isoDateTime,
  }),
});

export const AnalysisMeasured = defineEvent({
  type: 'AnalysisMeasured',
  producer: 'monitoring',
  description:
    'One analysis run of one metric on one target: the values measured, the figures of the judgement, its verdict (pass, fail, inconclusive, error) and the reason.',
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    run: z.number().int().positive(),
    query: z.string().min(1),
    from: isoDateTime,
    to: isoDateTime,
    values: z.array(z.number()),
    verdict: z.enum(ANALYSIS_VERDICTS),
    reason: nonEmptyText,
    /** The run's aggregate, or the Mann-Whitney effect towards harm; null when there was none. */
    observed: z.number().nullable(),
    /** The limit the observed value was held against. */
    limit: z.number().nullable(),
    pValue: z.number().min(0).max(1).nullable(),
    measuredAt: isoDateTime,
  }),
});

export const ANALYSIS_OUTCOMES = ['passed', 'failed', 'inconclusive', 'errored'] as const;
export const ANALYSIS_ACTIONS = ['none', 'rollback', 'confirm-rollback', 'record-only', 'pause'] as const;

export const AnalysisConcluded = defineEvent({
  type: 'AnalysisConcluded',
  producer: 'monitoring',
  description:
    "An analysis metric on one target reached its end: passed after its runs, or failed, inconclusive or errored past its limit; the action follows the plan's mode or policy.",
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    outcome: z.enum(ANALYSIS_OUTCOMES),
    action: z.enum(ANALYSIS_ACTIONS),
    runs: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative(),
    inconclusives: z.number().int().nonnegative(),
    consecutiveErrors: z.number().int().nonnegative(),
    reason: nonEmptyText,
    concludedAt: isoDateTime,
  }),
});

/**
 * The trigger id under which execution asks about (or acts on) a concluded analysis: one metric on
 * one target. A decision on it (RollbackDeclined) names this id, which monitoring matches.
 */
export const analysisTriggerId = (metric: string, assetId: string) => `analysis:${metric}:${assetId}`;

export const AnalysisFindingAccepted = defineEvent({
  type: 'AnalysisFindingAccepted',
  producer: 'monitoring',
  description:
    "A concluded analysis that did not pass was accepted: the decision owner or an approver chose to continue (execution's RollbackDeclined on its trigger). It no longer keeps the period open; the record shows who accepted it and why.",
  schema: z.object({
    upgradeId: id,
    assetId: id,
    metric: z.string().min(1),
    outcome: z.enum(ANALYSIS_OUTCOMES),
    acceptedBy: id,
    reason: nonEmptyText,
    acceptedAt: isoDateTime,
  }),
});
