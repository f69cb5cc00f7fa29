import { describe, expect, it } from '@jest/globals';
import { copies, metricSum } from './tally.mjs';

describe('the replicas bench tally', () => {
  it('finds what is missing and the copies beyond one, ignoring keys not expected', () => {
    expect(copies(['a', 'b', 'c'], ['a', 'c', 'c', 'c', 'x'])).toEqual({ missing: ['b'], extra: 2 });
    expect(copies(new Set(['a']), ['a'])).toEqual({ missing: [], extra: 0 });
  });

  it('sums a counter over scrapes, by label, whatever the label order', () => {
    const scrapes = [
      '# HELP uc_consumer_processed_total x\nuc_consumer_processed_total{type="AssetRegistered",service="planning"} 7\n' +
        'uc_consumer_processed_total{type="Other",service="planning"} 100',
      'uc_consumer_processed_total{service="planning",type="AssetRegistered"} 5\nuc_relay_leader 1',
    ];
    expect(metricSum(scrapes, 'uc_consumer_processed_total', { type: 'AssetRegistered' })).toBe(12);
    expect(metricSum(scrapes, 'uc_relay_leader')).toBe(1);
    expect(metricSum(scrapes, 'uc_missing_total')).toBe(0);
  });
});
