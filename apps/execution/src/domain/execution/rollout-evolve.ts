import { assertNever } from '@upgrade-control/platform/domain';
import type { ExecutionEvent, ExecutionState, Rollout, Run, WaveProgress } from '../execution.state.js';

type RolloutEvent = Extract<
  ExecutionEvent,
  { type: 'RolloutStarted' | 'WaveAccepted' | 'WavePromoted' | 'WaveRolledBack' | 'WaveHeld' | 'WaveCancelled' }
>;

const fresh = (status: WaveProgress['status']): WaveProgress => ({
  status,
  appliedAt: null,
  acceptedAt: null,
  bakeUntil: null,
});

function update(rollout: Rollout, wave: string, changes: Partial<WaveProgress>): Rollout {
  return { ...rollout, progress: { ...rollout.progress, [wave]: { ...rollout.progress[wave]!, ...changes } } };
}

/** The running wave's targets are installed. */
export function waveApplied(rollout: Rollout | null, appliedAt: string): Rollout | null {
  if (!rollout) return null;
  return update(rollout, rollout.waves[rollout.current]!.name, { appliedAt });
}

/** A wave's run: the first starts with the rollout; a promotion starts the next with its runbook and checks afresh. */
export function evolveRollout(
  run: Run,
  event: RolloutEvent,
  next: (changes: Partial<Run>) => ExecutionState,
): ExecutionState {
  if (event.type === 'RolloutStarted') {
    const { waves, onRegression } = event.payload;
    const progress = Object.fromEntries(waves.map((w, i) => [w.name, fresh(i === 0 ? 'running' : 'pending')]));
    return next({ rollout: { waves, onRegression, current: 0, progress } });
  }
  const rollout = run.rollout;
  if (!rollout) return next({});
  switch (event.type) {
    case 'WaveAccepted':
      // The running wave's acceptance passed: its deadline is met while it bakes.
      return next({
        acceptance: 'passed',
        rollout: update(rollout, event.payload.wave, {
          status: 'accepted',
          acceptedAt: event.payload.acceptedAt,
          bakeUntil: event.payload.bakeUntil,
        }),
      });
    case 'WavePromoted': {
      const promoted = update(update(rollout, event.payload.from, { status: 'promoted' }), event.payload.to, {
        status: 'running',
      });
      const current = rollout.waves.findIndex((w) => w.name === event.payload.to);
      return next({ rollout: { ...promoted, current }, applied: false, steps: {}, checks: {}, acceptance: 'open' });
    }
    case 'WaveRolledBack':
      return next({ rollout: update(rollout, event.payload.wave, { status: 'rolled-back' }) });
    case 'WaveHeld':
      return next({ rollout: update(rollout, event.payload.wave, { status: 'held' }) });
    case 'WaveCancelled':
      return next({ rollout: update(rollout, event.payload.wave, { status: 'cancelled' }) });
    default:
      return assertNever(event);
  }
}
