import { accept, gateRefused, invalid, notFound, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { gate, unlessIn, type Command, type Started } from './shared.js';

export function recordBackupTaken(command: Command<'RecordBackupTaken'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (run.backups[command.backupId] ? null : notFound(`backup ${command.backupId} is not in the plan`));
  if (refusal) return refuse(refusal);
  const { type: _, ...taken } = command;
  return accept({ type: 'BackupTaken', payload: { upgradeId: run.upgradeId, ...taken } });
}

export function verifyBackup(command: Command<'VerifyBackup'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const upgradeId = run.upgradeId;
  const backup = run.backups[command.backupId];
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (!backup
      ? notFound(`backup ${command.backupId} is not in the plan`)
      : !backup.taken
        ? invalid('backupId', 'taken-first', `backup ${command.backupId} has not been taken yet`)
        : null);
  if (refusal) return refuse(refusal);
  const expected = backup!.taken!.checksum;
  // "A backup that has never been tested is only an assumption": a failed check is recorded and blocks.
  const reason =
    command.checksum !== expected
      ? `checksum mismatch: taken ${expected}, verified ${command.checksum}`
      : !command.restoreTest.succeeded
        ? `restore test on ${command.restoreTest.target} failed`
        : null;
  if (reason)
    return accept({ type: 'BackupVerificationFailed', payload: { upgradeId, backupId: command.backupId, reason } });
  return accept({
    type: 'BackupVerified',
    payload: {
      upgradeId,
      backupId: command.backupId,
      checksum: command.checksum,
      restoreTest: { ...command.restoreTest, succeeded: true },
    },
  });
}

export function startStep(command: Command<'StartStep'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running') ?? stepProblem(run, command.stepId);
  if (refusal) return refuse(refusal);
  return accept({
    type: 'StepStarted',
    payload: {
      upgradeId: run.upgradeId,
      stepId: command.stepId,
      operator: command.operator,
      startedAt: command.now.toISOString(),
    },
  });
}

export function completeStep(command: Command<'CompleteStep'>, state: Started): Decision<ExecutionEvent> {
  const refusal = stepNotRunning(command, state);
  if (refusal) return refuse(refusal);
  const { type: _, ...completed } = command;
  return accept({ type: 'StepCompleted', payload: { upgradeId: state.run.upgradeId, ...completed } });
}

export function failStep(command: Command<'FailStep'>, state: Started): Decision<ExecutionEvent> {
  const refusal = stepNotRunning(command, state);
  if (refusal) return refuse(refusal);
  const { type: _, ...failed } = command;
  return accept({ type: 'StepFailed', payload: { upgradeId: state.run.upgradeId, ...failed } });
}

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
            'take the backup, then record its checksum and a restore test',
          ),
        ],
      ),
    );
  }
  const installed = run.plan.targets.map((t) => ({ assetId: t.assetId, version: t.toVersion }));
  return accept({
    type: 'UpgradeApplied',
    payload: { upgradeId: run.upgradeId, installed, appliedAt: command.now.toISOString() },
  });
}

function stepProblem(run: Run, stepId: string) {
  if (!run.plan.steps.some((s) => s.stepId === stepId)) return notFound(`step ${stepId} is not in the runbook`);
  if (run.steps[stepId] === 'completed') return invalid('stepId', 'once', `step ${stepId} is already completed`);
  return null;
}

/** A step completes or fails only while it runs. */
function stepNotRunning(command: Command<'CompleteStep' | 'FailStep'>, state: Started) {
  return (
    unlessIn(state, command.type, 'Running') ??
    (state.run.steps[command.stepId] === 'started'
      ? null
      : invalid('stepId', 'started-first', `step ${command.stepId} is not running`))
  );
}
