import { diffConfigurations, type SnapshotPhase } from '@upgrade-control/contracts';
import type { RecordSection } from './record-event.js';
import type { SnapshotReference, TargetConfiguration } from './record.js';

type Captured = { configuration: Record<string, unknown>; capturedBy: string };

/** What the record needs to compare: inventory's snapshots taken for the upgrade, and which ones execution counted. */
export interface SnapshotsSeen {
  captured: Record<string, Captured>;
  counted: { assetId: string; phase: SnapshotPhase; reference: SnapshotReference }[];
}

/**
 * Inventory's ConfigurationSnapshotCaptured (correlated with the upgrade when taken for it) holds
 * the configuration; execution's ConfigurationSnapshotLinked says which snapshot is a target's
 * configuration before and after apply. The latest counted one of each phase is compared.
 */
export const configurationSnapshotsSeen: RecordSection<SnapshotsSeen> = {
  initial: () => ({ captured: {}, counted: [] }),
  evolve: (section, event) => {
    switch (event.type) {
      case 'ConfigurationSnapshotCaptured': {
        const { snapshotId, configuration } = event.payload;
        return {
          ...section,
          captured: { ...section.captured, [snapshotId]: { configuration, capturedBy: event.actor.id } },
        };
      }
      case 'ConfigurationSnapshotLinked': {
        const { assetId, phase, snapshotId, contentHash, capturedAt } = event.payload;
        const reference = { snapshotId, contentHash, capturedAt, capturedBy: null };
        return { ...section, counted: [...section.counted, { assetId, phase, reference }] };
      }
      default:
        return section;
    }
  },
};

/** Per target: the before and after snapshot (ids, hashes, who captured them) and what changed between them. */
export function targetConfigurations({ captured, counted }: SnapshotsSeen): TargetConfiguration[] {
  const assets = [...new Set(counted.map((c) => c.assetId))];
  return assets.map((assetId) => {
    const latest = (phase: SnapshotPhase) => {
      const reference = counted.findLast((c) => c.assetId === assetId && c.phase === phase)?.reference;
      return reference ? { ...reference, capturedBy: captured[reference.snapshotId]?.capturedBy ?? null } : null;
    };
    const [before, after] = [latest('before-apply'), latest('after-apply')];
    const [was, is] = [before && captured[before.snapshotId], after && captured[after.snapshotId]];
    return { assetId, before, after, diff: was && is ? diffConfigurations(was.configuration, is.configuration) : null };
  });
}
