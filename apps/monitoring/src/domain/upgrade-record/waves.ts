import type { RecordEvent, RecordSection } from './record-event.js';
import type { UpgradeRecord, WaveTimeline } from './record.js';

/**
 * The rollout as it ran, per wave (issue 18): what each wave moved, when it started (the
 * execution's start for the first, its promotion for later ones), was applied, accepted, baked
 * until and promoted, or how a regression stopped it. Null while no RolloutStarted was heard: a
 * plan without waves has no rollout, and its record leaves the field out (see compileRecord).
 */
export type Rollout = { executionStartedAt: string | null; waves: WaveTimeline[] | null };

const changed = (section: Rollout, name: string, change: (w: WaveTimeline) => Partial<WaveTimeline>): Rollout => ({
  ...section,
  waves: section.waves && section.waves.map((w) => (w.name === name ? { ...w, ...change(w) } : w)),
});

/** The wave an apply installed: the first not yet applied that holds one of the installed targets. */
function appliedWave(waves: WaveTimeline[], installed: readonly { assetId: string }[]): string | null {
  const ids = new Set(installed.map((i) => i.assetId));
  return waves.find((w) => w.appliedAt === null && w.targets.some((t) => ids.has(t)))?.name ?? null;
}

function evolveRollout(section: Rollout, event: RecordEvent): Rollout {
  switch (event.type) {
    case 'ExecutionStarted':
      return { ...section, executionStartedAt: event.payload.startedAt };
    case 'RolloutStarted':
      // A new run of the rollout starts every wave's timeline afresh.
      return {
        ...section,
        waves: event.payload.waves.map((w, i) => ({
          name: w.name,
          pilot: w.pilot,
          targets: w.targets,
          startedAt: i === 0 ? (section.executionStartedAt ?? event.payload.startedAt) : null,
          appliedAt: null,
          acceptedAt: null,
          bakeUntil: null,
          promotedAt: null,
          promotedBy: null,
          stopped: null,
          status: i === 0 ? 'running' : 'pending',
        })),
      };
    case 'UpgradeApplied': {
      const name = section.waves && appliedWave(section.waves, event.payload.installed);
      return name ? changed(section, name, () => ({ appliedAt: event.payload.appliedAt, status: 'applied' })) : section;
    }
    case 'WaveAccepted': {
      const { acceptedAt, bakeUntil } = event.payload;
      return changed(section, event.payload.wave, () => ({ acceptedAt, bakeUntil, status: 'accepted' }));
    }
    case 'WavePromoted': {
      const { promotedAt, promotedBy } = event.payload;
      const from = changed(section, event.payload.from, () => ({ promotedAt, promotedBy, status: 'promoted' }));
      return changed(from, event.payload.to, () => ({ startedAt: promotedAt, status: 'running' }));
    }
    case 'WaveRolledBack': {
      const stopped = {
        kind: 'rolled-back' as const,
        stance: null,
        reason: event.payload.reason,
        at: event.occurredAt,
      };
      return changed(section, event.payload.wave, () => ({ stopped, status: 'rolled-back' }));
    }
    case 'WaveHeld': {
      const { stance, reason } = event.payload;
      const stopped = { kind: 'held' as const, stance, reason, at: event.occurredAt };
      return changed(section, event.payload.wave, () => ({ stopped, status: 'held' }));
    }
    case 'WaveCancelled': {
      const stopped = { kind: 'cancelled' as const, stance: null, reason: event.payload.reason, at: event.occurredAt };
      return changed(section, event.payload.wave, () => ({ stopped, status: 'cancelled' }));
    }
    default:
      return section;
  }
}

export const rollout: RecordSection<Rollout> = {
  initial: () => ({ executionStartedAt: null, waves: null }),
  evolve: evolveRollout,
};

/** The record's waves, or nothing at all for an upgrade without a rollout. */
export const recordWaves = (r: Rollout): Pick<UpgradeRecord, 'waves'> => (r.waves ? { waves: r.waves } : {});

/**
 * Waves the rollout has yet to settle: neither accepted (and after that promoted) nor rolled
 * back, held or cancelled. Monitoring keeps the period open while there is one.
 */
export const unsettledWaves = (r: Rollout): string[] =>
  (r.waves ?? [])
    .filter((w) => w.status === 'pending' || w.status === 'running' || w.status === 'applied')
    .map((w) => w.name);
