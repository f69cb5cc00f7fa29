import { ExactUDistribution } from './exact-u-distribution.js';
import { mannWhitney, smallestPValue } from './mann-whitney.js';
import { normalCdf, normalUpperTail } from './normal-distribution.js';

/*
 * Reference values are published outputs of R's wilcox.test and SciPy's mannwhitneyu, cited per
 * case and cross-checked to more digits with SciPy 1.17 (scipy.stats.mannwhitneyu, norm.sf);
 * U here is R's W (the statistic of the first sample) and SciPy's U1.
 */

// R documentation, ?wilcox.test (Hollander & Wolfe 1973, p. 69: permeability constants).
const permeabilityX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const permeabilityY = [1.15, 0.88, 0.9, 0.74, 1.21];

// mtcars mpg by transmission (am = 0 automatic, am = 1 manual), in the data set's row order.
const automatic = [
  21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 21.5, 15.5, 15.2, 13.3, 19.2,
];
const manual = [21.0, 21.0, 22.8, 32.4, 30.4, 33.9, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4];

describe('Mann-Whitney U against published reference values', () => {
  it('exact, one-sided, no ties: R ?wilcox.test, wilcox.test(x, y, alternative = "g") gives W = 35, p = 0.1272', () => {
    const result = mannWhitney(permeabilityX, permeabilityY, { alternative: 'greater' });
    expect(result).toMatchObject({ u: 35, method: 'exact' });
    expect(result.pValue).toBeCloseTo(0.1272061272, 9); // 1 - pwilcox(34, 10, 5)
    // The same data in the other direction: P(U <= 35).
    expect(mannWhitney(permeabilityX, permeabilityY, { alternative: 'less' }).pValue).toBeCloseTo(0.8967698968, 9);
  });

  it('normal approximation without continuity correction: R ?wilcox.test, exact = FALSE, correct = FALSE gives p = 0.1103', () => {
    const result = mannWhitney(permeabilityX, permeabilityY, {
      alternative: 'greater',
      exact: false,
      continuityCorrection: false,
    });
    expect(result).toMatchObject({ u: 35, method: 'normal' });
    expect(result.pValue).toBeCloseTo(0.110335681, 9);
  });

  it('Hodges-Lehmann shift: R ?wilcox.test with conf.int = TRUE estimates a difference in location of 0.305', () => {
    expect(mannWhitney(permeabilityX, permeabilityY).shift).toBeCloseTo(0.305, 12);
  });

  it('exact and asymptotic two-sided: SciPy mannwhitneyu docs (males vs females) give U1 = 17, p = 0.1111 and 0.1113', () => {
    const males = [19, 22, 16, 29, 24];
    const females = [20, 11, 17, 12];
    const exact = mannWhitney(males, females);
    expect(exact).toMatchObject({ u: 17, method: 'exact' });
    expect(exact.pValue).toBeCloseTo(0.1111111111111111, 14); // 14 of the 126 arrangements, doubled
    const asymptotic = mannWhitney(males, females, { exact: false });
    expect(asymptotic.pValue).toBeCloseTo(0.11134688653314041, 12);
    expect(exact.rankBiserial).toBeCloseTo(17 / 10 - 1, 14);
  });

  it('ties force the normal approximation with tie and continuity corrections: r-tutor, wilcox.test(mpg ~ am, data = mtcars) gives W = 42, p = 0.001871', () => {
    const result = mannWhitney(automatic, manual);
    expect(result).toMatchObject({ u: 42, method: 'normal' });
    expect(result.pValue).toBeCloseTo(0.001871391, 9);
    expect(result.rankBiserial).toBeLessThan(0); // automatic cars run fewer miles per gallon
  });

  it('ties within one sample and across: endmemo.com wilcox.test examples give W = 51.5, p = 0.5966 and W = 0, p = 0.001364', () => {
    const x = [1, 5, 9, 24, 56, 21, 3, 7, 21, 4];
    const first = mannWhitney(x, [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5]);
    expect(first).toMatchObject({ u: 51.5, method: 'normal' });
    expect(first.pValue).toBeCloseTo(0.5965969026, 9);
    const second = mannWhitney(x, [1233, 4356, 987, 39999, 1111, 200000]);
    expect(second).toMatchObject({ u: 0, method: 'normal' });
    expect(second.pValue).toBeCloseTo(0.001364393, 9);
    expect(second.rankBiserial).toBe(-1);
  });

  it('every value equal gives no evidence (p = 1) rather than dividing by zero', () => {
    expect(mannWhitney([3, 3, 3], [3, 3]).pValue).toBe(1);
  });

  it('refuses empty samples and NaN, which cannot be ranked', () => {
    expect(() => mannWhitney([], [1])).toThrow(RangeError);
    expect(() => mannWhitney([1, Number.NaN], [1])).toThrow(RangeError);
  });

  it('the smallest reachable p-value says when samples are too small for a confidence', () => {
    expect(smallestPValue(3, 3, 'greater')).toBeCloseTo(1 / 20, 14); // C(6, 3) arrangements
    expect(smallestPValue(3, 3, 'two-sided')).toBeCloseTo(2 / 20, 14);
    expect(smallestPValue(3, 3, 'less')).toBeCloseTo(1 / 20, 14);
  });
});

describe('the exact U distribution', () => {
  it('matches the counts of small cases (m = 2, n = 2: U = 0..4 with counts 1, 1, 2, 1, 1)', () => {
    const d = new ExactUDistribution(2, 2);
    expect([0, 1, 2, 3, 4].map((u) => d.atMost(u))).toEqual([1 / 6, 2 / 6, 4 / 6, 5 / 6, 1]);
    expect(d.atLeast(4)).toBeCloseTo(1 / 6, 15);
    expect(d.atLeast(0)).toBe(1);
  });

  it('keeps tiny upper tails at the largest exact sizes (49 x 49: P(U = mn) = 1 / C(98, 49))', () => {
    const d = new ExactUDistribution(49, 49);
    let arrangements = 1n; // C(98, 49)
    for (let k = 1n; k <= 49n; k++) arrangements = (arrangements * (49n + k)) / k;
    expect(d.atLeast(49 * 49) * Number(arrangements)).toBeCloseTo(1, 10);
  });
});

describe('the normal distribution', () => {
  it('matches tabulated values in the centre and far in the tails', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(3) / 0.0013498980316300933).toBeCloseTo(1, 12);
    expect(normalUpperTail(5) / 2.866515718791933e-7).toBeCloseTo(1, 12);
    expect(normalUpperTail(10) / 7.61985302416047e-24).toBeCloseTo(1, 12);
    expect(normalCdf(-2.5)).toBeCloseTo(0.006209665325776132, 15);
  });
});
