import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  digest,
  legacyVerified,
  started,
  taken,
  verified,
  verifyBackup,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const oscar = { id: 'oscar', role: 'operator' } as const;
const take = (now: string): ExecutionCommand => ({
  type: 'RecordBackupTaken',
  backupId: 'nightly',
  what: 'orders database',
  method: 'pg_dump',
  location: 's3://backups',
  sizeBytes: 1024,
  checksum: `sha256:${digest}`,
  reportedStartedAt: null,
  reportedFinishedAt: null,
  takenBy: oscar,
  now: new Date(now),
});

const restoreAt = (startedAt: string, finishedAt: string) => ({
  restore: { target: 'staging', startedAt, finishedAt, objectsChecked: 42, succeeded: true },
});

describe('execution: a backup taken', () => {
  it('records the server time and the authenticated taker', () => {
    spec.given([started]).when(take('2027-01-16T21:05:00Z')).then([taken]);
  });

  it('refuses a backup taken after the window closed', () => {
    spec
      .given([started])
      .when(take('2027-01-17T02:00:00Z'))
      .thenRefuses(
        'gate-refused',
        'backup nightly must be taken inside the window or within its freshness limit before it',
      );
  });

  it('refuses a backup taken more than the freshness limit before the window', () => {
    spec
      .given([started])
      .when(take('2027-01-15T19:59:00Z'))
      .thenRefuses('gate-refused', /freshness limit/);
  });

  it('refuses a checksum whose digest does not have its algorithm length', () => {
    spec
      .given([started])
      .when({ ...take('2027-01-16T21:05:00Z'), checksum: 'sha512:abc' } as ExecutionCommand)
      .thenRefuses('invalid', 'a sha512 digest has 128 hex digits, not 3');
  });
});

describe('execution: a backup verified', () => {
  it('records the measured evidence and the restore duration the server computed', () => {
    spec.given([started, taken]).when(verifyBackup()).then([verified]);
  });

  it('refuses a verification by the principal who took the backup', () => {
    spec
      .given([started, taken])
      .when(verifyBackup({ verifiedBy: oscar }))
      .thenRefuses(
        'forbidden',
        'a backup is verified by a different principal than the one who took it, or by an agent: oscar took backup nightly',
      );
  });

  it('accepts a verification by another operator', () => {
    const { decision } = spec
      .given([started, taken])
      .when(verifyBackup({ verifiedBy: { id: 'olivia', role: 'operator' } }));
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['BackupVerified']);
  });

  it('refuses a successful restore that checked no object', () => {
    spec
      .given([started, taken])
      .when(
        verifyBackup({
          restore: { ...restoreAt('2027-01-16T21:10:00Z', '2027-01-16T21:15:00Z').restore, objectsChecked: 0 },
        }),
      )
      .thenRefuses('invalid', 'a restore test that succeeded checked at least one object or row');
  });

  it('refuses a restore that does not end after it starts', () => {
    spec
      .given([started, taken])
      .when(verifyBackup(restoreAt('2027-01-16T21:15:00Z', '2027-01-16T21:15:00Z')))
      .thenRefuses('invalid', /the restore ends after it starts/);
  });

  it('refuses a restore that started before the backup was taken', () => {
    spec
      .given([started, taken])
      .when(verifyBackup(restoreAt('2027-01-16T21:00:00Z', '2027-01-16T21:15:00Z')))
      .thenRefuses('invalid', /a backup is verified after it was taken/);
  });

  it('refuses a restore that ends in the future', () => {
    spec
      .given([started, taken])
      .when(verifyBackup(restoreAt('2027-01-16T21:10:00Z', '2027-01-16T21:25:00Z')))
      .thenRefuses('invalid', /the restore cannot end in the future/);
  });

  it('refuses to verify a backup whose taking was recorded before evidence was (version 1)', () => {
    const legacy: ExecutionEvent = {
      type: 'BackupTaken',
      payload: {
        evidence: 'not-recorded',
        upgradeId: 'pg16',
        backupId: 'nightly',
        what: 'orders database',
        method: 'pg_dump',
        location: 's3://backups',
        sizeBytes: 0,
        checksum: 'sha256:abc',
        takenAt: null,
        takenBy: null,
        reportedStartedAt: '2027-01-16T21:00:00.000Z',
        reportedFinishedAt: '2027-01-16T21:01:00.000Z',
      },
    };
    spec
      .given([started, legacy])
      .when(verifyBackup())
      .thenRefuses('invalid', 'backup nightly was recorded before its taking time and taker were; take it again');
  });

  it('does not count a version 1 verification as evidence at apply', () => {
    const error = spec
      .given([started, taken, legacyVerified])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused');
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing).toEqual([
      'backup nightly failed verification (verified before evidence was recorded (schema version 1)); take and verify it again',
    ]);
  });
});
