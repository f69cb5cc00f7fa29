import type { PayloadOf, UpgradeApplied, UpgradeProposed } from '@upgrade-control/contracts';
import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Version = UpgradeRecord['versions'][number];
type Target = PayloadOf<typeof UpgradeProposed>['targets'][number];
type Installed = PayloadOf<typeof UpgradeApplied>['installed'][number];

const planned = (t: Target): Version => ({
  assetId: t.assetId,
  from: t.fromVersion,
  to: t.toVersion,
  installed: null,
  restored: null,
});

/** Each change to the first version line of its asset; assets the plan never named are ignored. */
const applyEach = (versions: Version[], changes: Installed[], change: (v: Version, version: string) => Version) =>
  changes.reduce(
    (lines, i) =>
      changeFirst(
        lines,
        (v) => v.assetId === i.assetId,
        (v) => change(v, i.version),
      ),
    versions,
  );

/** The targets of the plan: which assets from which version to which, what was installed and restored. */
export const versions: RecordSection<Version[]> = {
  initial: () => [],
  evolve: (section, event) => {
    switch (event.type) {
      case 'UpgradeProposed':
        return event.payload.targets.map(planned);
      case 'UpgradeTargetAdded':
        return [...section, planned(event.payload.target)];
      case 'UpgradeApplied':
        return applyEach(section, event.payload.installed, (v, installed) => ({ ...v, installed }));
      case 'RollbackCompleted':
        return applyEach(section, event.payload.restored, (v, restored) => ({ ...v, restored }));
      default:
        return section;
    }
  },
};
