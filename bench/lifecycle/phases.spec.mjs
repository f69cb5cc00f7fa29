import { describe, expect, it } from '@jest/globals';
import { phaseSummary } from './phases.mjs';

describe("the lifecycle's phases", () => {
  it('gives p50 and p99 of each phase in seconds, from mark to mark', () => {
    const upgrade = (offset) => ({
      started: 0,
      ready: 30_000 + offset,
      open: 40_000 + offset,
      accepted: 55_000 + offset,
      stable: 120_000 + offset,
      closed: 122_500 + offset,
    });
    expect(phaseSummary([upgrade(0), upgrade(2_000)])).toBe(
      'plan p50 32 s p99 32 s (2); wait p50 10 s p99 10 s (2); execution p50 15 s p99 15 s (2); ' +
        'monitoring p50 65 s p99 65 s (2); closing p50 2.5 s p99 2.5 s (2)',
    );
  });

  it('counts an upgrade only in the phases it finished', () => {
    const stuck = { started: 0, ready: 20_000, open: 30_000, accepted: 45_000 };
    const summary = phaseSummary([stuck]);
    expect(summary).toContain('execution p50 15 s p99 15 s (1)');
    expect(summary).toContain('monitoring —; closing —');
  });
});
