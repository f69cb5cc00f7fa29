import { deciderSpec } from '@upgrade-control/platform/testing';
import { applied, started, taken, verified } from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const verificationFailed: ExecutionEvent = {
  type: 'BackupVerificationFailed',
  payload: {
    upgradeId: 'pg16',
    backupId: 'nightly',
    reason: 'checksum mismatch: taken sha256:abc, verified sha256:zzz',
  },
};

describe('execution: backups and apply', () => {
  it('refuses to apply before every planned backup is verified', () => {
    spec
      .given([started])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused', 'the upgrade cannot be applied before every planned backup is verified: nightly');
  });

  it('records a verification whose checksum differs from the backup taken as failed', () => {
    spec
      .given([started, taken])
      .when({
        type: 'VerifyBackup',
        backupId: 'nightly',
        checksum: 'sha256:zzz',
        restoreTest: { target: 'staging', durationSeconds: 1, succeeded: true },
      })
      .then([verificationFailed]);
  });

  it('refuses to apply after a failed verification, saying to take and verify the backup again', () => {
    const error = spec
      .given([started, taken, verificationFailed])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused');
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing).toEqual([
      'backup nightly failed verification (checksum mismatch: taken sha256:abc, verified sha256:zzz); take and verify it again',
    ]);
  });

  it('applies the upgrade once every planned backup is verified', () => {
    spec
      .given([started, taken, verified])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T22:00:00Z') })
      .then([applied]);
  });
});
