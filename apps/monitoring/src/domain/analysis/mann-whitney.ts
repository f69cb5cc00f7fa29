import { ExactUDistribution } from './exact-u-distribution.js';
import { normalUpperTail } from './normal-distribution.js';
import { median, midranks } from './ranks.js';

/** Which difference of x from y the test looks for: x larger ('greater'), smaller ('less') or either. */
export type Alternative = 'two-sided' | 'greater' | 'less';

export type MannWhitneyOptions = {
  alternative?: Alternative;
  /** Exact distribution or normal approximation; by default exact below 50 per sample without ties (as R). */
  exact?: boolean;
  /** The 1/2 continuity correction of the normal approximation (default true, as R and SciPy). */
  continuityCorrection?: boolean;
};

export type MannWhitneyResult = {
  /** U of x: the number of pairs (x_i, y_j) with x_i > y_j, ties counting 1/2 (R's W). */
  u: number;
  pValue: number;
  method: 'exact' | 'normal';
  alternative: Alternative;
  /** 2U/(mn) - 1 in [-1, 1]: P(x > y) - P(x < y); positive when x tends to be larger. */
  rankBiserial: number;
  /** Hodges-Lehmann shift: the median of all differences x_i - y_j, in the values' unit. */
  shift: number;
};

/** R's default: the exact distribution costs O(m^2 n) BigInt steps; beyond this the normal is close. */
const EXACT_LIMIT = 50;

/**
 * The Mann-Whitney U (Wilcoxon rank-sum) test of x against y, computed as R's wilcox.test and
 * SciPy's mannwhitneyu do: midranks for ties, the variance's tie correction, and the exact null
 * distribution for small samples without ties (ties make that distribution wrong, so they force
 * the normal approximation). Both samples must be non-empty and free of NaN.
 */
export function mannWhitney(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  if (x.length === 0 || y.length === 0) throw new RangeError('Mann-Whitney needs at least one value in each sample');
  if ([...x, ...y].some(Number.isNaN)) throw new RangeError('Mann-Whitney cannot rank NaN');
  const alternative = options.alternative ?? 'two-sided';
  const m = x.length;
  const n = y.length;
  const { ranks, tieGroups } = midranks([...x, ...y]);
  const rankSumX = ranks.slice(0, m).reduce((sum, r) => sum + r, 0);
  const u = rankSumX - (m * (m + 1)) / 2;
  const exact = (options.exact ?? (m < EXACT_LIMIT && n < EXACT_LIMIT)) && tieGroups.length === 0;
  const pValue = exact
    ? exactPValue(u, m, n, alternative)
    : normalPValue(u, m, n, tieGroups, alternative, options.continuityCorrection ?? true);
  return {
    u,
    pValue,
    method: exact ? 'exact' : 'normal',
    alternative,
    rankBiserial: (2 * u) / (m * n) - 1,
    shift: median(x.flatMap((xi) => y.map((yj) => xi - yj))),
  };
}

function exactPValue(u: number, m: number, n: number, alternative: Alternative): number {
  const distribution = new ExactUDistribution(m, n);
  if (alternative === 'greater') return distribution.atLeast(u);
  if (alternative === 'less') return distribution.atMost(u);
  // The distribution is symmetric about mn/2: double the tail on u's side.
  const tail = u > (m * n) / 2 ? distribution.atLeast(u) : distribution.atMost(u);
  return Math.min(1, 2 * tail);
}

function normalPValue(
  u: number,
  m: number,
  n: number,
  tieGroups: number[],
  alternative: Alternative,
  continuityCorrection: boolean,
): number {
  const total = m + n;
  const ties = tieGroups.reduce((sum, t) => sum + t ** 3 - t, 0);
  const sigma = Math.sqrt(((m * n) / 12) * (total + 1 - ties / (total * (total - 1))));
  const deviation = u - (m * n) / 2;
  if (sigma === 0) return 1; // every value equal: no evidence either way
  // The correction moves the discrete statistic half a step towards the mean, never past it.
  const half = continuityCorrection ? 0.5 : 0;
  if (alternative === 'greater') return normalUpperTail((deviation - half) / sigma);
  if (alternative === 'less') return normalUpperTail(-(deviation + half) / sigma);
  const z = (Math.abs(deviation) - half) / sigma;
  return Math.min(1, 2 * normalUpperTail(Math.max(z, 0)));
}

/**
 * The smallest p-value the test can reach with these sample sizes (all of x above all of y):
 * when it is not below the significance level, no data of this size can show a difference.
 */
export function smallestPValue(m: number, n: number, alternative: Alternative): number {
  const x = Array.from({ length: m }, (_, i) => n + i + 1);
  const y = Array.from({ length: n }, (_, j) => j + 1);
  return mannWhitney(x, y, { alternative: alternative === 'less' ? 'greater' : alternative }).pValue;
}
