import { DIGEST_HEX_LENGTH, type ChecksumAlgorithm } from '@upgrade-control/contracts';
import {
  accept,
  gateRefused,
  invalid,
  notFound,
  refuse,
  type Decision,
  type DomainError,
} from '@upgrade-control/platform/domain';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { gate, unlessIn, type Command, type Started } from './shared.js';

/**
 * How long before its window a backup may be taken and still count as the final backup, when the
 * plan names no limit of its own. The rule book ("Data protection", "The maintenance window should
 * include preparation, final backup, …"): the backup is taken at the correct point, i.e. just
 * before the change; a day-old backup is the policy's outer bound.
 */
export const DEFAULT_BACKUP_FRESHNESS_MS = 24 * 60 * 60_000;

const hours = (ms: number) => `${ms / 3_600_000} h`;

/** The checksum names a known algorithm with a digest of that algorithm's length. */
function digestProblem(field: string, algorithm: ChecksumAlgorithm, digest: string): DomainError | null {
  const length = DIGEST_HEX_LENGTH[algorithm];
  return digest.length === length
    ? null
    : invalid(field, 'digest-length', `a ${algorithm} digest has ${length} hex digits, not ${digest.length}`);
}

/** The taken time is the server's receipt; the report names who took it, as authenticated. */
export function recordBackupTaken(command: Command<'RecordBackupTaken'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const [algorithm, digest = ''] = command.checksum.split(':') as [ChecksumAlgorithm, string?];
  const refusal =
    unlessIn(state, command.type, 'Running') ??
    (run.backups[command.backupId] ? null : notFound(`backup ${command.backupId} is not in the plan`)) ??
    digestProblem('checksum', algorithm, digest) ??
    freshnessProblem(run, command.backupId, command.now);
  if (refusal) return refuse(refusal);
  const { type: _, now, takenBy, ...taken } = command;
  return accept({
    type: 'BackupTaken',
    payload: {
      evidence: 'recorded',
      upgradeId: run.upgradeId,
      ...taken,
      takenAt: now.toISOString(),
      takenBy,
    },
  });
}

/** The backup is taken inside the window, or within the freshness limit before it. */
function freshnessProblem(run: Run, backupId: string, now: Date): DomainError | null {
  const { startsAt, endsAt } = run.plan.window;
  const earliest = Date.parse(startsAt) - DEFAULT_BACKUP_FRESHNESS_MS;
  if (now.getTime() >= earliest && now.getTime() < Date.parse(endsAt)) return null;
  return gateRefused(`backup ${backupId} must be taken inside the window or within its freshness limit before it`, [
    gate(
      'backup-freshness',
      `The final backup is taken inside the window, or at most ${hours(DEFAULT_BACKUP_FRESHNESS_MS)} before it.`,
      [`backup ${backupId} taken between ${new Date(earliest).toISOString()} and ${endsAt} (now ${now.toISOString()})`],
      'take the backup again inside the window',
    ),
  ]);
}

/**
 * A verification is evidence a second principal (or an agent) measured: the checksum recomputed,
 * the size, a restore with its start and end, the objects checked. A failed check is recorded and blocks.
 */
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
  const taken = backup!.taken!;
  if (taken.evidence !== 'recorded')
    return refuse(
      invalid(
        'backupId',
        'taken-recorded',
        `backup ${command.backupId} was recorded before its taking time and taker were; take it again`,
      ),
    );
  const problem = verificationProblem(command, taken.takenAt, taken.takenBy);
  if (problem) return refuse(problem);
  const { algorithm, digest } = command.checksum;
  const { restore } = command;
  const reason =
    `${algorithm}:${digest}` !== taken.checksum
      ? `checksum mismatch: taken ${taken.checksum}, verified ${algorithm}:${digest}`
      : !restore.succeeded
        ? `restore test on ${restore.target} failed`
        : null;
  if (reason)
    return accept({ type: 'BackupVerificationFailed', payload: { upgradeId, backupId: command.backupId, reason } });
  return accept({
    type: 'BackupVerified',
    payload: {
      evidence: 'measured',
      upgradeId,
      backupId: command.backupId,
      verifiedBy: command.verifiedBy,
      verifiedAt: command.now.toISOString(),
      checksum: command.checksum,
      sizeBytes: command.sizeBytes,
      restore: {
        target: restore.target,
        startedAt: new Date(restore.startedAt).toISOString(),
        finishedAt: new Date(restore.finishedAt).toISOString(),
        durationMs: Date.parse(restore.finishedAt) - Date.parse(restore.startedAt),
        objectsChecked: restore.objectsChecked,
      },
    },
  });
}

/** The rules of a verification, each one branch: who verifies, the digest, and the restore's instants. */
function verificationProblem(
  command: Command<'VerifyBackup'>,
  takenAt: string,
  takenBy: { id: string },
): DomainError | null {
  const { verifiedBy, restore, backupId } = command;
  if (verifiedBy.id === takenBy.id && verifiedBy.role !== 'agent')
    return {
      kind: 'forbidden',
      message: `a backup is verified by a different principal than the one who took it, or by an agent: ${takenBy.id} took backup ${backupId}`,
    };
  const started = Date.parse(restore.startedAt);
  const finished = Date.parse(restore.finishedAt);
  return (
    digestProblem('checksum.digest', command.checksum.algorithm, command.checksum.digest) ??
    (!restore.succeeded || restore.objectsChecked > 0
      ? null
      : invalid(
          'restore.objectsChecked',
          'above-zero',
          'a restore test that succeeded checked at least one object or row',
        )) ??
    (finished > started
      ? null
      : invalid(
          'restore.finishedAt',
          'after-start',
          `the restore ends after it starts: ${restore.finishedAt} is not after ${restore.startedAt}`,
        )) ??
    (started >= Date.parse(takenAt)
      ? null
      : invalid(
          'restore.startedAt',
          'after-taken',
          `a backup is verified after it was taken: the restore started ${restore.startedAt}, the backup was taken ${takenAt}`,
        )) ??
    (finished <= command.now.getTime()
      ? null
      : invalid(
          'restore.finishedAt',
          'not-in-future',
          `the restore cannot end in the future: ${restore.finishedAt} is after ${command.now.toISOString()}`,
        ))
  );
}
