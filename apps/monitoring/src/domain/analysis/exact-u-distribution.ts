/**
 * The exact null distribution of the Mann-Whitney U statistic for sample sizes m and n without
 * ties: the number of arrangements giving U = u is the coefficient of q^u in the Gaussian binomial
 * [m+n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i). Counts reach C(98, 49) ~ 2.5e28 at
 * the sizes we allow, beyond a double's 2^53, and the alternating products cancel; BigInt keeps
 * them exact and each probability is rounded once, at the end.
 */
export class ExactUDistribution {
  private readonly cumulative: bigint[];
  private readonly total: bigint;

  constructor(m: number, n: number) {
    const size = m * n + 1;
    const counts = new Array<bigint>(size).fill(0n);
    counts[0] = 1n;
    for (let i = 1; i <= m; i++) {
      // Multiply by (1 - q^(n+i)), top down so each coefficient uses the old lower ones...
      for (let u = size - 1; u >= n + i; u--) counts[u]! -= counts[u - n - i]!;
      // ...then divide by (1 - q^i): a running sum, bottom up.
      for (let u = i; u < size; u++) counts[u]! += counts[u - i]!;
    }
    this.cumulative = [];
    let running = 0n;
    for (const count of counts) this.cumulative.push((running += count));
    this.total = running;
  }

  /** P(U <= u). */
  atMost(u: number): number {
    return Number(this.countAtMost(Math.floor(u))) / Number(this.total);
  }

  /** P(U >= u), from the counts rather than 1 - P(U < u), which would cancel in the upper tail. */
  atLeast(u: number): number {
    return Number(this.total - this.countAtMost(Math.ceil(u) - 1)) / Number(this.total);
  }

  private countAtMost(u: number): bigint {
    if (u < 0) return 0n;
    return this.cumulative[Math.min(u, this.cumulative.length - 1)]!;
  }
}
