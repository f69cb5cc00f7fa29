import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Backup = UpgradeRecord['backups'][number];

const blank = (backupId: string): Backup => ({
  backupId,
  assetId: null,
  method: null,
  location: null,
  checksum: null,
  verified: false,
  failures: [],
});

/** The backup's line changed, opened blank first when execution took one the plan never named. */
function change(backups: Backup[], backupId: string, to: (b: Backup) => Backup): Backup[] {
  const mine = (b: Backup) => b.backupId === backupId;
  return backups.some(mine) ? changeFirst(backups, mine, to) : [...backups, to(blank(backupId))];
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
        const { method, location, checksum } = event.payload;
        return change(section, event.payload.backupId, (b) => ({ ...b, method, location, checksum }));
      }
      case 'BackupVerified':
        return change(section, event.payload.backupId, (b) => ({ ...b, verified: true }));
      case 'BackupVerificationFailed': {
        const { reason } = event.payload;
        return change(section, event.payload.backupId, (b) => ({ ...b, failures: [...b.failures, reason] }));
      }
      default:
        return section;
    }
  },
};
