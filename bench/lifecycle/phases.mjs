// The phases of one upgrade's lifecycle as the client saw them, and their p50/p99 over the run.
import { percentile } from '../measure.mjs';

/**
 * Each phase runs from one mark to the next; a mark is the client's clock (ms) when its call
 * returned or its awaited state was seen. `started`: the upgrade's assets are registered first.
 */
export const PHASES = [
  ['plan', 'started', 'ready'],
  ['wait', 'ready', 'open'],
  ['execution', 'open', 'accepted'],
  ['monitoring', 'accepted', 'stable'],
  ['closing', 'stable', 'closed'],
];

/**
 * p50 and p99 of each phase in seconds, over the upgrades that reached both its marks (an upgrade
 * stuck on the way adds nothing to the phases it never finished), e.g.
 * "plan p50 30.1 s p99 41 s (6); wait …".
 * @param {Record<string, number>[]} marks one object of marks per upgrade
 */
export function phaseSummary(marks) {
  return PHASES.map(([phase, from, to]) => {
    const seconds = marks
      .filter((m) => m[from] !== undefined && m[to] !== undefined)
      .map((m) => (m[to] - m[from]) / 1000);
    if (!seconds.length) return `${phase} —`;
    const p = (q) => Math.round(percentile(seconds, q) * 10) / 10;
    return `${phase} p50 ${p(50)} s p99 ${p(99)} s (${seconds.length})`;
  }).join('; ');
}
