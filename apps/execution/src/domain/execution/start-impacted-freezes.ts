import type { GateResult } from '@upgrade-control/platform/domain';
import { gate, type Command } from './shared.js';

/**
 * "No change during a change freeze" covers what the upgrade impacts, not only what it changes: a
 * freeze over an asset that depends on a target refuses the start, naming the freeze and the asset.
 * A freeze already in force over the targets is reported by the target check, not again here.
 */
export function impactedAssetFreezes(command: Command<'StartExecution'>): GateResult[] {
  const overTargets = new Set(command.moment.activeFreezes.map((f) => f.freezeId));
  const freezes = command.impactedFreezes.filter((f) => !overTargets.has(f.freezeId));
  if (freezes.length === 0) return [];
  return [
    gate(
      'change-freeze-impacted',
      'No change during a change freeze, including freezes over the assets the upgrade impacts.',
      freezes.map((f) => `no active freeze over impacted asset ${f.assetId}: "${f.name}" (${f.freezeId})`),
      'wait for the freeze to end, or reschedule the window outside it',
    ),
  ];
}
