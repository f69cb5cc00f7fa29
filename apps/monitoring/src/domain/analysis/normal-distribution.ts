/** Density of the standard normal distribution. */
const density = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

/**
 * Upper tail P(Z > z) of the standard normal distribution, to about 1e-14 relative error: the
 * Taylor series of the CDF near the centre, and the Laplace continued fraction in the tails, where
 * 1 - CDF would cancel away every digit of a small p-value. JavaScript has no erf, and a p-value
 * from this function is compared with a confidence, so it must stay accurate far into the tail.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  if (z < 3) {
    // CDF(z) - 1/2 = density(z) * sum z^(2k+1) / (1*3*...*(2k+1)); all terms positive.
    let term = z;
    let sum = z;
    for (let k = 1; term > 1e-17 * sum; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - density(z) * sum;
  }
  // density(z) / (z + 1/(z + 2/(z + 3/(z + ...)))), evaluated from a depth where it has converged.
  let fraction = z;
  for (let k = 60; k >= 1; k--) fraction = z + k / fraction;
  return density(z) / fraction;
}

/** P(Z <= z). */
export const normalCdf = (z: number): number => normalUpperTail(-z);
