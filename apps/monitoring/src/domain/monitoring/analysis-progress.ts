import type { AnalysisConcluded, AnalysisMetric, ANALYSIS_ACTIONS, PayloadOf } from '@upgrade-control/contracts';

import type { Verdict } from '../analysis/verdict.js';

type Concluded = PayloadOf<typeof AnalysisConcluded>;
type Action = (typeof ANALYSIS_ACTIONS)[number];

/**
 * One analysis metric on one target, folded from its events: the baseline's values (the only
 * input a replayed judgement needs besides the run's own values) and Argo Rollouts' counters.
 */
export interface AnalysisProgress {
  /** Null until AnalysisBaselineCaptured: runs before it are judged without a baseline. */
  baseline: number[] | null;
  runs: number;
  /** Runs that passed: an analysis without one never passes, whatever its limits allow. */
  passes: number;
  failures: number;
  inconclusives: number;
  consecutiveErrors: number;
  /** Set by AnalysisConcluded: no run follows. */
  outcome: Concluded['outcome'] | null;
  /** Set by AnalysisFindingAccepted: a concluded finding someone with authority chose to live with. */
  accepted: boolean;
}

export const noProgress = (): AnalysisProgress => ({
  baseline: null,
  runs: 0,
  passes: 0,
  failures: 0,
  inconclusives: 0,
  consecutiveErrors: 0,
  outcome: null,
  accepted: false,
});

/** The counters after one more run with this verdict; an error streak ends at any answer. */
export function advance(p: AnalysisProgress, verdict: Verdict): AnalysisProgress {
  return {
    ...p,
    runs: p.runs + 1,
    passes: p.passes + (verdict === 'pass' ? 1 : 0),
    failures: p.failures + (verdict === 'fail' ? 1 : 0),
    inconclusives: p.inconclusives + (verdict === 'inconclusive' ? 1 : 0),
    consecutiveErrors: verdict === 'error' ? p.consecutiveErrors + 1 : 0,
  };
}

/** A failed analysis does what the metric's mode says, as a rollback trigger's mode does for a regression. */
const ON_FAILURE: Record<AnalysisMetric['mode'], Action> = {
  automatic: 'rollback',
  confirm: 'confirm-rollback',
  'dry-run': 'record-only',
};

export type Conclusion = Pick<Concluded, 'outcome' | 'action' | 'reason'>;

/**
 * Whether the counters end the analysis (Argo's semantics: a limit is exceeded, so a limit of 0
 * ends it at the first such run): failed before inconclusive before errored, so the strongest
 * finding names the outcome; passed after `count` runs. Null: more runs follow.
 */
export function conclusion(metric: AnalysisMetric, p: AnalysisProgress): Conclusion | null {
  const of = `${p.runs} run${p.runs === 1 ? '' : 's'}`;
  if (p.failures > metric.failureLimit)
    return {
      outcome: 'failed',
      action: ON_FAILURE[metric.mode],
      reason: `${p.failures} failed of ${of}, more than the failure limit ${metric.failureLimit}`,
    };
  if (p.inconclusives > metric.inconclusiveLimit)
    return {
      outcome: 'inconclusive',
      action: metric.onInconclusive,
      reason: `${p.inconclusives} inconclusive of ${of}, more than the inconclusive limit ${metric.inconclusiveLimit}`,
    };
  if (p.consecutiveErrors > metric.consecutiveErrorLimit)
    return {
      outcome: 'errored',
      action: metric.onInconclusive,
      reason: `${p.consecutiveErrors} consecutive errors, more than the limit ${metric.consecutiveErrorLimit}`,
    };
  if (metric.count !== null && p.runs >= metric.count) return atTheEnd(metric, p);
  return null;
}

/**
 * The runs are over within every limit: passed when at least one run passed; a metric that only
 * ever errored or said nothing was never seen healthy, so its inconclusive policy applies.
 */
export function atTheEnd(metric: AnalysisMetric, p: AnalysisProgress): Conclusion {
  const of = `${p.runs} run${p.runs === 1 ? '' : 's'}`;
  if (p.passes > 0) return { outcome: 'passed', action: 'none', reason: `${of} within every limit` };
  return {
    outcome: p.consecutiveErrors > 0 ? 'errored' : 'inconclusive',
    action: metric.onInconclusive,
    reason: `none of ${of} passed`,
  };
}

/** Run n measures [startsAt + (n-1) x interval, startsAt + n x interval]: numbered from the period's start. */
export function runWindow(startsAt: string, intervalSeconds: number, run: number): { from: Date; to: Date } {
  const start = Date.parse(startsAt);
  return {
    from: new Date(start + (run - 1) * intervalSeconds * 1000),
    to: new Date(start + run * intervalSeconds * 1000),
  };
}

/**
 * The run numbers due at `now`, oldest first: after the last measured one, each whose window has
 * ended, up to `count` or, without a count, within the period. A restarted runner catches up on
 * the runs it missed; a run already measured is never due again.
 */
export function dueRuns(
  metric: AnalysisMetric,
  p: AnalysisProgress,
  period: { startsAt: string; endsAt: string },
  now: Date,
): number[] {
  if (p.outcome !== null) return [];
  const due: number[] = [];
  for (let run = p.runs + 1; ; run++) {
    const { to } = runWindow(period.startsAt, metric.intervalSeconds, run);
    if (to.getTime() > now.getTime()) break;
    if (metric.count !== null ? run > metric.count : to.getTime() > Date.parse(period.endsAt)) break;
    due.push(run);
  }
  return due;
}
