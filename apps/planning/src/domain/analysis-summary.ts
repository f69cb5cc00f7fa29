import type { AnalysisMetric } from './analysis.js';

/**
 * One analysis metric as the gate report shows it: informational, no gate. The approver reads
 * what will judge the upgrade after release in words, not as the wire form of a judgement.
 */
export interface AnalysisSummary {
  name: string;
  provider: AnalysisMetric['provider'];
  /** The one target it watches, or null for every target. */
  assetId: string | null;
  query: string;
  /** When a run fails, e.g. "fails when the p95 rises more than 1.5x the baseline's p95". */
  judgement: string;
  /** How often it runs and against which baseline. */
  schedule: string;
  /** Its limits and what passing them does. */
  limits: string;
}

export const summarizeAnalysis = (metrics: AnalysisMetric[]): AnalysisSummary[] =>
  metrics.map((m) => ({
    name: m.name,
    provider: m.provider,
    assetId: m.assetId,
    query: m.query,
    judgement: `${judgementInWords(m.judgement)}; no data counts as ${m.judgement.noData}`,
    schedule: `${runsInWords(m)}, against ${baselineInWords(m.baseline)}`,
    limits:
      `more than ${m.failureLimit} failed run(s): the analysis fails, rollback mode ${m.mode}; ` +
      `more than ${m.inconclusiveLimit} inconclusive run(s) or more than ${m.consecutiveErrorLimit} consecutive error(s): ${m.onInconclusive}`,
  }));

type Judgement = AnalysisMetric['judgement'];

function judgementInWords(j: Judgement): string {
  if (j.kind === 'absolute')
    return `fails when the ${j.aggregate} ${j.harm === 'increase' ? 'rises above' : 'falls below'} ${j.threshold}`;
  if (j.kind === 'relative') {
    const base = `the baseline's ${j.aggregate}`;
    if ('factor' in j.change)
      return j.harm === 'increase'
        ? `fails when the ${j.aggregate} rises more than ${j.change.factor}x ${base}`
        : `fails when the ${j.aggregate} falls below ${base} / ${j.change.factor}`;
    return `fails when the ${j.aggregate} ${j.harm === 'increase' ? 'rises' : 'falls'} more than ${j.change.delta} ${j.harm === 'increase' ? 'above' : 'below'} ${base}`;
  }
  const direction = { increase: 'higher', decrease: 'lower', either: 'higher or lower' }[j.harm];
  const effect =
    j.minimumEffect.measure === 'rank-biserial'
      ? `a rank-biserial effect of at least ${j.minimumEffect.value}`
      : `a shift of at least ${j.minimumEffect.value}`;
  return `fails when the values are ${direction} than the baseline's (Mann-Whitney U at ${+(j.confidence * 100).toFixed(2)}% confidence) with ${effect}`;
}

function runsInWords(m: AnalysisMetric): string {
  return m.count === null
    ? `every ${m.intervalSeconds} s until the monitoring period ends`
    : `${m.count} run(s) every ${m.intervalSeconds} s`;
}

function baselineInWords(b: AnalysisMetric['baseline']): string {
  return b.kind === 'same-hours'
    ? `the same hours on each of the ${b.days} day(s) before the window`
    : `the ${b.minutes} min before the window`;
}
