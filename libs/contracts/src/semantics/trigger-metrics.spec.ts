import { baselinesMissing, watchedPairs } from './trigger-metrics.js';

const trigger = (metric: string | null, assetId: string | null = null, kind = 'metric-threshold') => ({
  kind,
  metric,
  threshold: metric ? 2 : null,
  assetId,
});
const targets = [{ assetId: 'pg' }, { assetId: 'app' }];
const window = '2027-01-16T20:00:00Z';

describe('trigger metrics and their baselines', () => {
  it('pairs each metric threshold with every target, or with the one it names', () => {
    const pairs = watchedPairs(
      [trigger('errors'), trigger('cpu', 'pg'), trigger(null, null, 'acceptance-failure')],
      targets,
    );
    expect(pairs.map((p) => `${p.assetId} ${p.trigger.metric}`)).toEqual(['pg errors', 'app errors', 'pg cpu']);
  });

  it('names each trigger metric without a baseline that ended by the window', () => {
    const baselines = [
      { assetId: 'pg', metrics: ['errors'], to: '2027-01-16T19:00:00Z' },
      { assetId: 'app', metrics: ['errors'], to: '2027-01-16T20:30:00Z' },
    ];
    expect(baselinesMissing([trigger('errors'), trigger('cpu', 'pg')], targets, baselines, window)).toEqual([
      'app errors',
      'pg cpu',
    ]);
  });

  it('counts a baseline of any period while there is no window yet', () => {
    const baselines = [{ assetId: 'pg', metrics: ['errors'], to: '2027-01-16T20:30:00Z' }];
    expect(baselinesMissing([trigger('errors', 'pg')], targets, baselines, null)).toEqual([]);
  });
});
