import { table } from './markdown-table.js';
import type { UpgradeRecord, WaveTimeline } from './upgrade-record.js';

/** How a wave ended, or how far it got: a regression's verdict first, then the furthest milestone. */
function outcome(w: WaveTimeline): string {
  if (w.stopped)
    return `${w.stopped.kind}${w.stopped.stance ? ` (${w.stopped.stance})` : ''} at ${w.stopped.at}: ${w.stopped.reason}`;
  return w.status;
}

/** The staged rollout, a row per wave in the plan's order (issue 18); nothing for an upgrade without one. */
export function waveTimeline(r: UpgradeRecord): string[] {
  if (!r.waves) return [];
  return [
    '## Waves',
    table(
      ['wave', 'pilot', 'targets', 'started', 'applied', 'accepted', 'bakes until', 'promoted', 'status'],
      r.waves.map((w) => [
        w.name,
        w.pilot ? 'pilot' : '',
        w.targets.join(', '),
        w.startedAt,
        w.appliedAt,
        w.acceptedAt,
        w.bakeUntil,
        w.promotedAt && `${w.promotedAt} by ${w.promotedBy}`,
        outcome(w),
      ]),
    ),
  ];
}
