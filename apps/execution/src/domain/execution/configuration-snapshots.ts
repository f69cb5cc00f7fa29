import type { SnapshotPhase } from '@upgrade-control/contracts';
import { accept, gateRefused, invalid, refuse, type Decision } from '@upgrade-control/platform/domain';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { appliedAtOf } from './rollout.js';
import { gate, unlessIn, type Command, type Started } from './shared.js';

/**
 * Rule book: "System parameters, routing rules, … should be recorded before the upgrade. Many
 * upgrade failures are not caused by the new version itself, but by missing or overwritten
 * configuration details", and the record names "what configuration changed". Issue 14, item 8: a
 * snapshot of each target after the execution started and before apply, another after apply.
 * Inventory holds the snapshots; execution counts one only when the server's times put it in its phase.
 */
export function recordConfigurationSnapshot(
  command: Command<'RecordConfigurationSnapshot'>,
  state: Started,
): Decision<ExecutionEvent> {
  const { run } = state;
  const { snapshotId, assetId, phase, capturedAt } = command;
  const refusal = unlessIn(state, command.type, 'Running');
  if (refusal) return refuse(refusal);
  if (run.snapshots[phase][assetId]?.snapshotId === snapshotId) return accept();
  if (!run.plan.targets.some((t) => t.assetId === assetId))
    return refuse(invalid('assetId', 'target', `${assetId} is not a target of upgrade ${run.upgradeId}`));
  const late = phaseProblem(run, assetId, phase, Date.parse(capturedAt));
  if (late) return refuse(invalid('capturedAt', phase, `snapshot ${snapshotId} of ${assetId} ${late}`));
  const { type: _, ...linked } = command;
  return accept({ type: 'ConfigurationSnapshotLinked', payload: { upgradeId: run.upgradeId, ...linked } });
}

/** Why a snapshot captured at that server time is not the target's configuration in that phase, or null. */
function phaseProblem(run: Run, assetId: string, phase: SnapshotPhase, capturedAt: number): string | null {
  const captured = new Date(capturedAt).toISOString();
  // In a rollout each target's apply is its wave's.
  const appliedAt = appliedAtOf(run, assetId);
  if (phase === 'before-apply') {
    if (capturedAt < Date.parse(run.startedAt))
      return `was captured at ${captured}, before the execution started at ${run.startedAt}: capture it again`;
    if (appliedAt && capturedAt > Date.parse(appliedAt))
      return `was captured at ${captured}, after the upgrade was applied at ${appliedAt}: it is no before-apply configuration`;
    return null;
  }
  if (!appliedAt || capturedAt < Date.parse(appliedAt))
    return `was captured at ${captured}, before the upgrade was applied${appliedAt ? ` at ${appliedAt}` : ''}: capture it after apply`;
  return null;
}

const WHEN: Record<SnapshotPhase, string> = {
  'before-apply': 'captured after the execution started and before apply',
  'after-apply': 'captured after apply',
};

/** Null when every target has a snapshot in the phase, else the refusal naming the targets without one. */
export function targetsWithoutSnapshot(
  run: Run,
  phase: SnapshotPhase,
  refused: string,
  targets: string[] = run.plan.targets.map((t) => t.assetId),
) {
  const missing = targets.filter((assetId) => !run.snapshots[phase][assetId]);
  if (!missing.length) return null;
  return gateRefused(`${refused} before every target has its ${phase} configuration snapshot: ${missing.join(', ')}`, [
    gate(
      `configuration-snapshot-${phase}`,
      'Configuration is recorded before the upgrade: a snapshot of each target after the start and before apply, and another after apply; their diff goes into the record.',
      missing.map((assetId) => `a configuration snapshot of ${assetId} ${WHEN[phase]}`),
      `capture one as an operator or an agent: POST /assets/{assetId}/snapshots in inventory with forUpgrade { "upgradeId": "${run.upgradeId}", "phase": "${phase}" }`,
    ),
  ]);
}
