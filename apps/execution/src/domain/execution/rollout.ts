import type { Wave } from '@upgrade-control/contracts';
import type { ExecutionEvent, Rollout, Run } from '../execution.state.js';

// What a staged rollout (ADR 37) changes in the run's rules: which targets the running step
// concerns, which window and deadline bind it, and what a rollback does to each wave.

/** The wave running now (or accepted and baking), or null for a plan without waves. */
export const currentWave = (run: Run): Wave | null => run.rollout?.waves[run.rollout.current] ?? null;

/** The targets the running wave moves; every target of a plan without waves. */
export function targetsInScope(run: Run): string[] {
  const wave = currentWave(run);
  return wave ? wave.targets : run.plan.targets.map((t) => t.assetId);
}

/** The wave a target belongs to (every plan target is in exactly one wave, ADR 34). */
export const waveOf = (rollout: Rollout, assetId: string): Wave | undefined =>
  rollout.waves.find((w) => w.targets.includes(assetId));

/** When the target's version was installed: its wave's apply in a rollout, the one apply otherwise. */
export function appliedAtOf(run: Run, assetId: string): string | null {
  if (!run.rollout) return run.appliedAt;
  const wave = waveOf(run.rollout, assetId);
  return wave ? (run.rollout.progress[wave.name]?.appliedAt ?? null) : null;
}

/**
 * The running wave's window and its rollback-decision deadline: the wave keeps as much time for a
 * rollback before its end as the plan's window keeps before its own.
 */
export function windowInForce(run: Run): { startsAt: string; endsAt: string; rollbackDecisionDeadline: string } {
  const wave = currentWave(run);
  return wave ? { ...wave.window, rollbackDecisionDeadline: waveDeadline(run.plan, wave) } : run.plan.window;
}

/** A wave keeps as much of its window for a rollback as the plan's window keeps. */
export function waveDeadline(plan: Run['plan'], wave: Wave): string {
  const kept = Date.parse(plan.window.endsAt) - Date.parse(plan.window.rollbackDecisionDeadline);
  return new Date(Math.max(Date.parse(wave.window.startsAt), Date.parse(wave.window.endsAt) - kept)).toISOString();
}

/** Is this the last wave (or a plan without waves)? Only then does the upgrade's own acceptance pass. */
export const atLastWave = (run: Run): boolean => !run.rollout || run.rollout.current === run.rollout.waves.length - 1;

/**
 * The wave that regressed: the wave of the asset that regressed when it is applied; the running
 * wave for a rollback not tied to an asset (manual, acceptance, deadline). Null when the asset's
 * wave has not been applied: that target still runs the old version, so the regression is not this
 * upgrade's doing.
 */
export function regressedWave(run: Run, assetId: string | null): number | null {
  const rollout = run.rollout;
  if (!rollout) return null;
  if (assetId === null) return rollout.current;
  const wave = waveOf(rollout, assetId);
  if (!wave) return rollout.current;
  return rollout.progress[wave.name]?.appliedAt ? rollout.waves.indexOf(wave) : null;
}

/**
 * Whether a finding judges the wave: a wave is judged by the analysis the plan gave it, either the
 * metrics it names (a concluded analysis carries its mode) or the plan's rollback triggers (a
 * threshold or no-data finding carries none). Issue 18: "each wave has … analysis".
 */
export function judgesWave(wave: Wave, finding: { metric: string; mode?: unknown }): boolean {
  const { analysis } = wave;
  return analysis.kind === 'metrics'
    ? finding.mode !== undefined && analysis.metrics.includes(finding.metric)
    : finding.mode === undefined;
}

/**
 * What a rollback of wave `failed` does to every wave, by the plan's policy: that wave goes back;
 * earlier waves go back too or keep the new version; an applied later wave goes back (it runs the
 * same release), a later wave not yet applied is cancelled or paused.
 */
export function wavesOnRollback(run: Run, failed: number, reason: string): ExecutionEvent[] {
  const rollout = run.rollout;
  if (!rollout) return [];
  const { earlierWaves, laterWaves } = rollout.onRegression;
  const upgradeId = run.upgradeId;
  const failedName = rollout.waves[failed]!.name;
  const events: ExecutionEvent[] = [];
  for (const [i, wave] of rollout.waves.entries()) {
    const progress = rollout.progress[wave.name]!;
    if (progress.status === 'rolled-back' || progress.status === 'cancelled') continue;
    const back = (why: string): ExecutionEvent => ({
      type: 'WaveRolledBack',
      payload: { upgradeId, wave: wave.name, targets: wave.targets, reason: why },
    });
    if (i === failed) events.push(back(reason));
    else if (i < failed)
      events.push(
        earlierWaves === 'roll-back'
          ? back(`wave ${failedName} rolls back and the plan rolls earlier waves back too: ${reason}`)
          : {
              type: 'WaveHeld',
              payload: {
                upgradeId,
                wave: wave.name,
                stance: 'kept',
                reason: `wave ${failedName} rolls back; the plan holds earlier waves on the new version`,
              },
            },
      );
    else if (progress.appliedAt) events.push(back(`wave ${failedName} rolls back and this wave runs the same release`));
    else if (laterWaves === 'cancel')
      events.push({
        type: 'WaveCancelled',
        payload: { upgradeId, wave: wave.name, reason: `wave ${failedName} rolls back; the plan cancels later waves` },
      });
    else
      events.push({
        type: 'WaveHeld',
        payload: {
          upgradeId,
          wave: wave.name,
          stance: 'paused',
          reason: `wave ${failedName} rolls back; the plan pauses later waves`,
        },
      });
  }
  return events;
}

/** The targets a completed rollback restored: every applied target of a rolled-back wave. */
export function restoredTargets(run: Run): string[] {
  const rollout = run.rollout;
  if (!rollout) return run.plan.targets.map((t) => t.assetId);
  const back = rollout.waves.filter((w) => rollout.progress[w.name]!.status === 'rolled-back');
  const applied = back.filter((w) => rollout.progress[w.name]!.appliedAt);
  // A rollback before the wave was applied restores what the wave would have changed.
  return (applied.length ? applied : back).flatMap((w) => w.targets);
}
