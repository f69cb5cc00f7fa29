import { describe, expect, it } from '@jest/globals';
import { busyCpuMs, pathBudget } from './path-budget.mjs';

describe("the path's CPU budget", () => {
  it('counts busy time on every core, not idle or iowait', () => {
    const core = (user, sys, idle) => ({ model: 'x', speed: 1, times: { user, nice: 1, sys, idle, irq: 2 } });
    expect(busyCpuMs([core(100, 50, 900), core(10, 5, 9000)])).toBe(100 + 1 + 50 + 2 + (10 + 1 + 5 + 2));
  });

  it('adds the stages and says what two cores carry and what a load needs', () => {
    const budget = pathBudget({ append: 0.2, relay: 0.05, consume: 0.15 }, 2, 4000);
    expect(budget.msPerEvent).toBeCloseTo(0.4);
    expect(budget.capacity).toBeCloseTo(5000);
    expect(budget.coresAt).toBeCloseTo(1.6);
  });

  it('is unknown while a stage is unmeasured', () => {
    expect(pathBudget({ append: 0.2, consume: 0.15 }, 2, 4000)).toBeNull();
  });
});
