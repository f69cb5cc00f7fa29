import { accept, gateRefused, invalid, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionEvent } from '../execution.state.js';
import { targetsWithoutSnapshot } from './configuration-snapshots.js';
import { restoreOverrunsWindow } from './measured-restore.js';
import { runbookUnfinished } from './runbook-finished.js';
import { currentWave, targetsInScope } from './rollout.js';
import { gate, unlessIn, type Command, type Started } from './shared.js';

/**
 * The upgrade is applied once, after every planned backup is verified and every runbook step is
 * done. In a rollout it is applied once per wave, to the wave's targets, after the backups of
 * those targets are verified and the runbook is done again for the wave (ADR 37).
 */
export function applyUpgrade(command: Command<'ApplyUpgrade'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const wave = currentWave(run);
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (run.applied
      ? invalid('upgradeId', 'once', wave ? `wave ${wave.name} is already applied` : 'the upgrade is already applied')
      : null);
  if (refusal) return refuse(refusal);
  const scope = new Set(targetsInScope(run));
  const inScope = new Set(run.plan.backups.filter((b) => scope.has(b.assetId)).map((b) => b.backupId));
  const unverified = Object.entries(run.backups).filter(([id, b]) => inScope.has(id) && !b.verified);
  if (unverified.length) {
    const missing = unverified.map(([id, b]) =>
      b.failed
        ? `backup ${id} failed verification (${b.failed}); take and verify it again`
        : `backup ${id} verified (checksum and restore test)`,
    );
    return refuse(
      gateRefused(
        `the upgrade cannot be applied before every planned backup is verified: ${unverified.map(([id]) => id).join(', ')}`,
        [
          gate(
            'backup-verified',
            'Protect data before changing the environment: a backup that has never been tested is only an assumption.',
            missing,
            'take the backup, then have another principal or an agent record its checksum and a measured restore',
          ),
        ],
      ),
    );
  }
  const unfinished = runbookUnfinished(run, 'the upgrade cannot be applied');
  if (unfinished) return refuse(unfinished);
  const unrecorded = targetsWithoutSnapshot(run, 'before-apply', 'the upgrade cannot be applied', [...scope]);
  if (unrecorded) return refuse(unrecorded);
  const overrun = restoreOverrunsWindow(run, 'the upgrade cannot be applied');
  if (overrun) return refuse(overrun);
  const installed = run.plan.targets
    .filter((t) => scope.has(t.assetId))
    .map((t) => ({ assetId: t.assetId, version: t.toVersion }));
  return accept({
    type: 'UpgradeApplied',
    payload: { upgradeId: run.upgradeId, installed, appliedAt: command.now.toISOString() },
  });
}
