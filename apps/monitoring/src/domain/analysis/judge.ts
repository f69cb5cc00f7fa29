import { mannWhitney, smallestPValue, type Alternative } from './mann-whitney.js';
import type { Judgement, StatisticalJudgement } from './judgement.js';
import { judgementProblems } from './judgement.js';
import { aggregate, harmful, shown, usable, type Judged, type Measurement } from './verdict.js';

/**
 * One analysis run: the current window's measurement held against the judgement and, for the
 * relative and statistical kinds, the baseline's values (captured before the window). Never
 * throws: a provider error, a judgement that cannot apply, and missing values all become verdicts.
 */
export function judge(judgement: Judgement, current: Measurement, baseline: readonly number[] = []): Judged {
  if ('error' in current) return { verdict: 'error', reason: `the measurement failed: ${current.error}` };
  const problems = judgementProblems(judgement);
  if (problems.length > 0) return { verdict: 'error', reason: `the judgement cannot apply: ${problems.join('; ')}` };
  const window = usable(current.values);
  const noData = judgement.noData;
  if (window.values.length === 0)
    return {
      verdict: noData,
      reason: `no data in the window${dropped(window.dropped)}: a silent metric is not a pass`,
    };
  if (judgement.kind === 'absolute') {
    const observed = aggregate(window.values, judgement.aggregate);
    return threshold(judgement.harm, observed, judgement.threshold, `${judgement.aggregate} ${shown(observed)}`);
  }
  const reference = usable(baseline);
  if (reference.values.length === 0)
    return {
      verdict: noData,
      reason: `no baseline values${dropped(reference.dropped)}: nothing to compare the window with`,
    };
  if (judgement.kind === 'mann-whitney') return statistical(judgement, window.values, reference.values);
  const before = aggregate(reference.values, judgement.aggregate);
  const observed = aggregate(window.values, judgement.aggregate);
  const up = judgement.harm === 'increase';
  const limit =
    'factor' in judgement.change
      ? up
        ? before * judgement.change.factor
        : before / judgement.change.factor
      : before + (up ? 1 : -1) * judgement.change.delta;
  return threshold(
    judgement.harm,
    observed,
    limit,
    `${judgement.aggregate} ${shown(observed)} (baseline ${shown(before)})`,
  );
}

function threshold(harm: 'increase' | 'decrease', observed: number, limit: number, what: string): Judged {
  const fails = harmful(harm, observed, limit);
  const relation = fails ? (harm === 'increase' ? 'above' : 'below') : harm === 'increase' ? 'not above' : 'not below';
  return {
    verdict: fails ? 'fail' : 'pass',
    reason: `${what} is ${relation} the limit ${shown(limit)}`,
    observed,
    limit,
  };
}

const ALTERNATIVE: Record<StatisticalJudgement['harm'], Alternative> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided',
};

function statistical(judgement: StatisticalJudgement, window: number[], baseline: number[]): Judged {
  const alpha = 1 - judgement.confidence;
  const alternative = ALTERNATIVE[judgement.harm];
  const sizes = `${window.length} values against ${baseline.length}`;
  // Too few values can never reach the confidence: "no significant change" would be a false pass.
  const reachable = smallestPValue(window.length, baseline.length, alternative);
  if (reachable >= alpha)
    return {
      verdict: 'inconclusive',
      reason: `${sizes} cannot reach confidence ${judgement.confidence} (smallest p ${shown(reachable)})`,
    };
  const test = mannWhitney(window, baseline, { alternative });
  const { measure, value: minimum } = judgement.minimumEffect;
  const raw = measure === 'rank-biserial' ? test.rankBiserial : test.shift;
  // The effect towards harm: positive when the window moved the harmful way.
  const effect = judgement.harm === 'increase' ? raw : judgement.harm === 'decrease' ? -raw : Math.abs(raw);
  const direction = raw > 0 ? 'higher' : 'lower';
  const evidence = `p ${shown(test.pValue)} (${test.method}), ${measure} ${shown(raw)}`;
  const numbers = { observed: effect, limit: minimum, pValue: test.pValue };
  if (test.pValue >= alpha)
    return {
      verdict: 'pass',
      reason: `no significant change at confidence ${judgement.confidence}: ${evidence}`,
      ...numbers,
    };
  if (effect < minimum)
    return {
      verdict: 'pass',
      reason: `the window is significantly ${direction}, but by less than the minimum effect ${shown(minimum)}: ${evidence}`,
      ...numbers,
    };
  return {
    verdict: 'fail',
    reason: `the window is significantly ${direction} than the baseline at confidence ${judgement.confidence}: ${evidence}`,
    ...numbers,
  };
}

const dropped = (count: number) => (count > 0 ? ` (${count} NaN values left out)` : '');
