import { accept, gateRefused, invalid, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionEvent } from '../execution.state.js';
import { targetsWithoutSnapshot } from './configuration-snapshots.js';
import { restoreOverrunsWindow } from './measured-restore.js';
import { runbookUnfinished } from './runbook-finished.js';
import { gate, unlessIn, type Command, type Started } from './shared.js';

/** The upgrade is applied once, after every planned backup is verified and every runbook step is done. */
export function applyUpgrade(command: Command<'ApplyUpgrade'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (run.applied ? invalid('upgradeId', 'once', 'the upgrade is already applied') : null);
  if (refusal) return refuse(refusal);
  const unverified = Object.entries(run.backups).filter(([, b]) => !b.verified);
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
  const unrecorded = targetsWithoutSnapshot(run, 'before-apply', 'the upgrade cannot be applied');
  if (unrecorded) return refuse(unrecorded);
  const overrun = restoreOverrunsWindow(run, 'the upgrade cannot be applied');
  if (overrun) return refuse(overrun);
  const installed = run.plan.targets.map((t) => ({ assetId: t.assetId, version: t.toVersion }));
  return accept({
    type: 'UpgradeApplied',
    payload: { upgradeId: run.upgradeId, installed, appliedAt: command.now.toISOString() },
  });
}
