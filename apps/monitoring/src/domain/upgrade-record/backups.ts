import type { BackupVerified, PayloadOf } from '@upgrade-control/contracts';
import { changeFirst, type RecordSection } from './record-event.js';
import type { BackupVerification, UpgradeRecord } from './record.js';

type Backup = UpgradeRecord['backups'][number];

const blank = (backupId: string): Backup => ({
  backupId,
  assetId: null,
  method: null,
  location: null,
  checksum: null,
  takenBy: null,
  takenAt: null,
  verified: false,
  verification: null,
  failures: [],
});

/** The backup's line changed, opened blank first when execution took one the plan never named. */
function change(backups: Backup[], backupId: string, to: (b: Backup) => Backup): Backup[] {
  const mine = (b: Backup) => b.backupId === backupId;
  return backups.some(mine) ? changeFirst(backups, mine, to) : [...backups, to(blank(backupId))];
}

function verificationOf(p: PayloadOf<typeof BackupVerified>): BackupVerification {
  const { target, startedAt, finishedAt, durationMs, objectsChecked } = p.restore;
  return {
    evidence: p.evidence,
    verifiedBy: p.verifiedBy?.id ?? null,
    verifiedAt: p.verifiedAt,
    checksum: p.checksum,
    sizeBytes: p.sizeBytes,
    restore: { target, startedAt, finishedAt, durationMs, objectsChecked },
  };
}

/** Each backup: planned where and how, taken with which checksum, verified or why not. */
export const backups: RecordSection<Backup[]> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'BackupPlanned': {
        const { assetId, method, location } = event.payload;
        return change(section, event.payload.backupId, (b) => ({ ...b, assetId, method, location }));
      }
      case 'BackupTaken': {
        const { method, location, checksum, takenAt } = event.payload;
        const takenBy = event.payload.takenBy?.id ?? null;
        return change(section, event.payload.backupId, (b) => ({ ...b, method, location, checksum, takenBy, takenAt }));
      }
      case 'BackupVerified': {
        // Only a measured verification counts; a version 1 claim is shown as the claim it was.
        const verification = verificationOf(event.payload);
        const verified = verification.evidence === 'measured';
        return change(section, event.payload.backupId, (b) => ({ ...b, verified, verification }));
      }
      case 'BackupVerificationFailed': {
        const { reason } = event.payload;
        return change(section, event.payload.backupId, (b) => ({ ...b, failures: [...b.failures, reason] }));
      }
      default:
        return section;
    }
  },
};
