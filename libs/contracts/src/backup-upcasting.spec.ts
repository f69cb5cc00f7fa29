import { checkPayload } from './validation.js';
import { upcast } from './upcasting.js';
import { storedV1Event } from '../../../test/support/stored-event.js';

const stored = (type: string, payload: Record<string, unknown>) =>
  storedV1Event({
    type,
    streamId: 'execution-pg16',
    streamVersion: 2,
    producer: 'execution',
    correlationId: 'pg16',
    actor: { id: 'oscar', role: 'operator' },
    payload,
  });

describe('BackupTaken v1 → v2 upcaster', () => {
  const v1 = {
    upgradeId: 'pg16',
    backupId: 'nightly',
    what: 'orders',
    method: 'pg_basebackup',
    location: 's3://b',
    sizeBytes: 0,
    checksum: 'sha256:abc',
    startedAt: '2026-11-25T09:00:00Z',
    finishedAt: '2026-11-25T09:30:00Z',
  };

  it('keeps the client times as reported and marks the server time and taker not recorded', () => {
    const current = upcast(stored('BackupTaken', v1));
    expect(current.schemaVersion).toBe(2);
    expect(current.payload).toMatchObject({
      evidence: 'not-recorded',
      takenAt: null,
      takenBy: null,
      reportedStartedAt: '2026-11-25T09:00:00Z',
      reportedFinishedAt: '2026-11-25T09:30:00Z',
    });
    expect(checkPayload('BackupTaken', 2, current.payload)).toMatchObject({ ok: true });
    expect(checkPayload('BackupTaken', 1, v1)).toMatchObject({ ok: true });
  });
});

describe('BackupVerified v1 → v2 upcaster', () => {
  const v1 = {
    upgradeId: 'pg16',
    backupId: 'nightly',
    checksum: 'sha256:abc',
    restoreTest: { target: 'staging', durationSeconds: 600, succeeded: true },
  };

  it('keeps the claims as claims and marks every measurement not recorded', () => {
    const current = upcast(stored('BackupVerified', v1));
    expect(current.payload).toEqual({
      upgradeId: 'pg16',
      backupId: 'nightly',
      evidence: 'not-recorded',
      verifiedBy: null,
      verifiedAt: null,
      checksum: { algorithm: null, digest: 'sha256:abc' },
      sizeBytes: null,
      restore: {
        target: 'staging',
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        objectsChecked: null,
        claimedDurationSeconds: 600,
      },
    });
    expect(checkPayload('BackupVerified', 2, current.payload)).toMatchObject({ ok: true });
  });

  it('refuses a measured verification without its measurements', () => {
    const partial = { ...upcast(stored('BackupVerified', v1)).payload, evidence: 'measured' };
    expect(checkPayload('BackupVerified', 2, partial)).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });
});
