import { judge } from './judge.js';
import { judgementProblems, type StatisticalJudgement } from './judgement.js';

const errorRateAbove = (threshold: number) =>
  ({ kind: 'absolute', harm: 'increase', threshold, aggregate: 'mean', noData: 'inconclusive' }) as const;
const latency = (harm: StatisticalJudgement['harm'], minimum = 0.5): StatisticalJudgement => ({
  kind: 'mann-whitney',
  harm,
  confidence: 0.95,
  minimumEffect: { measure: 'rank-biserial', value: minimum },
  noData: 'inconclusive',
});
const healthy = [101, 99, 103, 98, 100, 102, 97, 104, 100, 99, 101, 98];
const slower = healthy.map((v) => v + 20);

describe('absolute judgement', () => {
  it('fails beyond the threshold in the harmful direction and passes at it', () => {
    expect(judge(errorRateAbove(0.05), { values: [0.04, 0.08] })).toMatchObject({
      verdict: 'fail',
      observed: 0.06,
      limit: 0.05,
    });
    expect(judge(errorRateAbove(0.05), { values: [0.05] })).toMatchObject({ verdict: 'pass' });
    const throughput = {
      kind: 'absolute',
      harm: 'decrease',
      threshold: 10,
      aggregate: 'min',
      noData: 'inconclusive',
    } as const;
    expect(judge(throughput, { values: [12, 9, 15] })).toMatchObject({ verdict: 'fail', observed: 9 });
    expect(judge(throughput, { values: [12, 15] }).reason).toBe('min 12 is not below the limit 10');
  });
});

describe('relative judgement', () => {
  const factor = {
    kind: 'relative',
    harm: 'increase',
    aggregate: 'mean',
    change: { factor: 1.5 },
    noData: 'inconclusive',
  } as const;
  it('holds the window against the baseline times a factor', () => {
    expect(judge(factor, { values: [16] }, [10])).toMatchObject({ verdict: 'fail', limit: 15 });
    expect(judge(factor, { values: [14] }, [10])).toMatchObject({ verdict: 'pass', limit: 15 });
  });
  it('divides by the factor, or subtracts the delta, when a decrease harms', () => {
    const falling = { ...factor, harm: 'decrease' } as const;
    expect(judge(falling, { values: [6] }, [10])).toMatchObject({ verdict: 'fail' });
    expect(judge(falling, { values: [7] }, [10])).toMatchObject({ verdict: 'pass' });
    const delta = { ...falling, change: { delta: 2 } } as const;
    expect(judge(delta, { values: [7.5] }, [10])).toMatchObject({ verdict: 'fail', limit: 8 });
  });
  it('without baseline values is no pass: the no-data policy applies', () => {
    expect(judge(factor, { values: [14] }, [])).toMatchObject({ verdict: 'inconclusive' });
    expect(judge({ ...factor, noData: 'fail' }, { values: [14] }, [Number.NaN])).toMatchObject({ verdict: 'fail' });
  });
});

describe('statistical judgement', () => {
  it('fails a significant, large change in the harmful direction', () => {
    const judged = judge(latency('increase'), { values: slower }, healthy);
    expect(judged.verdict).toBe('fail');
    expect(judged.pValue).toBeLessThan(0.05);
    expect(judged.reason).toMatch(/significantly higher/);
  });
  it('passes the same change in the harmless direction, and the same data when either direction harms fails', () => {
    expect(judge(latency('decrease'), { values: slower }, healthy).verdict).toBe('pass');
    expect(judge(latency('either'), { values: slower }, healthy).verdict).toBe('fail');
    expect(judge(latency('decrease'), { values: healthy }, slower).verdict).toBe('fail');
  });
  it('passes an unchanged window', () => {
    expect(judge(latency('increase'), { values: [...healthy].reverse() }, healthy)).toMatchObject({ verdict: 'pass' });
  });
  it('passes a significant change smaller than the minimum effect', () => {
    const shifted = healthy.map((v) => v + 0.5);
    const many = (values: number[]) => Array.from({ length: 20 }, (_, i) => values.map((v) => v + i * 0.001)).flat();
    const judged = judge(
      { ...latency('increase'), minimumEffect: { measure: 'shift', value: 5 } },
      { values: many(shifted) },
      many(healthy),
    );
    expect(judged.verdict).toBe('pass');
    expect(judged.reason).toMatch(/less than the minimum effect 5/);
  });
  it('is inconclusive when the samples are too small to ever reach the confidence', () => {
    const judged = judge(latency('increase'), { values: [500, 600] }, [1, 2]);
    expect(judged.verdict).toBe('inconclusive');
    expect(judged.reason).toMatch(/cannot reach confidence 0.95/);
  });
});

describe('what is never a pass', () => {
  it('an empty or all-NaN window follows the no-data policy', () => {
    expect(judge(errorRateAbove(0.05), { values: [] })).toMatchObject({ verdict: 'inconclusive' });
    const nan = judge({ ...latency('increase'), noData: 'fail' }, { values: [Number.NaN] }, healthy);
    expect(nan).toMatchObject({ verdict: 'fail' });
    expect(nan.reason).toMatch(/1 NaN values left out/);
  });
  it('a failed measurement is an error with its cause', () => {
    expect(judge(errorRateAbove(0.05), { error: 'Prometheus unreachable' })).toEqual({
      verdict: 'error',
      reason: 'the measurement failed: Prometheus unreachable',
    });
  });
  it('a judgement that cannot apply is an error naming the rule', () => {
    const wrong = {
      kind: 'relative',
      harm: 'increase',
      aggregate: 'mean',
      change: { factor: 0.5 },
      noData: 'inconclusive',
    } as const;
    expect(judge(wrong, { values: [1] }, [1])).toMatchObject({ verdict: 'error' });
    expect(judgementProblems({ ...latency('increase'), confidence: 1 })).toEqual([
      'confidence must lie between 0 and 1',
    ]);
    expect(judgementProblems({ ...latency('increase', 2) })).toEqual([
      'minimumEffect.value of rank-biserial must be at most 1',
    ]);
  });
});
