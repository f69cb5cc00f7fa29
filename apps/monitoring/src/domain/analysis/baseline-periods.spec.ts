import { baselinePeriods } from './baseline-periods.js';

describe('baseline periods', () => {
  const monitoring = { startsAt: '2027-01-17T00:00:00.000Z', endsAt: '2027-01-17T04:00:00.000Z' };

  it('are the minutes right before the maintenance window opens', () => {
    expect(baselinePeriods({ kind: 'preceding', minutes: 60 }, monitoring, '2027-01-16T20:00:00Z')).toEqual([
      { from: '2027-01-16T19:00:00.000Z', to: '2027-01-16T20:00:00.000Z' },
    ]);
  });

  it("are the monitoring period's clock hours on each of the days before, oldest first", () => {
    expect(baselinePeriods({ kind: 'same-hours', days: 2 }, monitoring, '2027-01-16T20:00:00Z')).toEqual([
      { from: '2027-01-15T00:00:00.000Z', to: '2027-01-15T04:00:00.000Z' },
      { from: '2027-01-16T00:00:00.000Z', to: '2027-01-16T04:00:00.000Z' },
    ]);
  });
});
