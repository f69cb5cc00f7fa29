import { largestRollback, windowShortfall } from './window-sizing.js';

const estimates = {
  preparation: 10,
  finalBackup: 10,
  upgrade: 20,
  verification: 15,
  repairBuffer: 10,
  rollbackDecision: 5,
  rollbackExecution: 20,
};
const window = { startsAt: '2027-01-16T20:00:00Z', endsAt: '2027-01-16T21:30:00Z' };

describe('window sizing', () => {
  it('takes the largest rollback candidate, naming each', () => {
    expect(
      largestRollback([
        ['estimate', 20],
        ['measured restore', 35],
      ]),
    ).toEqual({
      minutes: 35,
      from: 'estimate 20, measured restore 35',
    });
  });

  it('fits a window that holds every part and the rollback', () => {
    expect(windowShortfall(window, estimates, largestRollback([['estimate', 20]]))).toBeNull();
  });

  it('names every part and how much is missing, worded by the caller', () => {
    expect(
      windowShortfall(window, estimates, largestRollback([['measured restore', 35]]), (m) => `${m} min are left`),
    ).toBe(
      '15 more minutes: 90 min are left, but preparation 10 + final backup 10 + upgrade 20 + verification 15 + repair buffer 10 + rollback decision 5 + rollback 35 = 105 min (rollback: the largest of measured restore 35)',
    );
  });
});
