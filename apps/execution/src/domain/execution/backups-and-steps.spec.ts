import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  applied,
  beforeApplySnapshot,
  digest,
  started,
  stepCompleted,
  stepStarted,
  taken,
  verified,
  verifyBackup,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const other = 'f'.repeat(64);
const verificationFailed: ExecutionEvent = {
  type: 'BackupVerificationFailed',
  payload: {
    upgradeId: 'pg16',
    backupId: 'nightly',
    reason: `checksum mismatch: taken sha256:${digest}, verified sha256:${other}`,
  },
};
const verify = verifyBackup({ checksum: { algorithm: 'sha256', digest: other } });

describe('execution: backups and apply', () => {
  it('refuses to apply before every planned backup is verified', () => {
    spec
      .given([started])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused', 'the upgrade cannot be applied before every planned backup is verified: nightly');
  });

  it('records a verification whose checksum differs from the backup taken as failed', () => {
    spec.given([started, taken]).when(verify).then([verificationFailed]);
  });

  it('refuses to apply after a failed verification, saying to take and verify the backup again', () => {
    const error = spec
      .given([started, taken, verificationFailed])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses('gate-refused');
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing).toEqual([
      `backup nightly failed verification (checksum mismatch: taken sha256:${digest}, verified sha256:${other}); take and verify it again`,
    ]);
  });

  it('refuses to apply while a runbook step is neither completed nor skipped', () => {
    const error = spec
      .given([started, taken, verified, stepStarted])
      .when({ type: 'ApplyUpgrade', now: new Date() })
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be applied before every runbook step is completed or skipped: pg-upgrade',
      );
    expect(error.kind === 'gate-refused' && error.gates[0]!.missing).toEqual([
      'step pg-upgrade completed or skipped (it is started)',
    ]);
  });

  it('applies the upgrade once every planned backup is verified and every step completed', () => {
    spec
      .given([started, taken, verified, stepStarted, stepCompleted, beforeApplySnapshot])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T22:00:00Z') })
      .then([applied]);
  });
});
