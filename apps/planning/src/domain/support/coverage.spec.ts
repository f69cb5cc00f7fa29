import { rosterGaps, uncoveredParts } from './coverage.js';

// Which parts of a window nobody is on call for: what the support-roster refusal names.

const window = { startsAt: '2026-12-12T20:00:00.000Z', endsAt: '2026-12-13T02:00:00.000Z' };
const shift = (startsAt: string, endsAt: string) => ({ startsAt: `2026-12-${startsAt}`, endsAt: `2026-12-${endsAt}` });

describe('support roster coverage', () => {
  it('finds nothing uncovered when one shift spans the window', () => {
    expect(uncoveredParts(window, [shift('12T18:00:00Z', '13T06:00:00Z')])).toEqual([]);
  });

  it('joins shifts that hand over without a gap', () => {
    expect(
      uncoveredParts(window, [shift('12T23:00:00Z', '13T03:00:00Z'), shift('12T19:00:00Z', '12T23:00:00Z')]),
    ).toEqual([]);
  });

  it('names the gaps at the start, between shifts and at the end', () => {
    expect(
      uncoveredParts(window, [shift('12T21:00:00Z', '12T22:00:00Z'), shift('12T23:00:00Z', '13T01:00:00Z')]),
    ).toEqual([
      { startsAt: '2026-12-12T20:00:00.000Z', endsAt: '2026-12-12T21:00:00.000Z' },
      { startsAt: '2026-12-12T22:00:00.000Z', endsAt: '2026-12-12T23:00:00.000Z' },
      { startsAt: '2026-12-13T01:00:00.000Z', endsAt: '2026-12-13T02:00:00.000Z' },
    ]);
  });

  it('counts only the role’s own shifts', () => {
    const dba = { shiftId: 's1', role: 'dba' as const, principal: 'victor', ...shift('12T18:00:00Z', '13T06:00:00Z') };
    expect(rosterGaps(['dba', 'network'], window, [dba])).toEqual([{ role: 'network', uncovered: [window] }]);
  });
});
