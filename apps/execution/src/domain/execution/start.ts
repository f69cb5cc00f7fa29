import {
  accept,
  gateRefused,
  illegalTransition,
  refuse,
  type Decision,
  type GateResult,
} from '@upgrade-control/platform/domain';
import type { ExecutionEvent, ExecutionState, ReadyPlan } from '../execution.state.js';
import { waveDeadline } from './rollout.js';
import { gate, type Command } from './shared.js';
import { impactedAssetFreezes } from './start-impacted-freezes.js';
import { startEvidenceGates } from './start-evidence.js';

type StartExecution = Command<'StartExecution'>;

/** Execution starts only for a ready plan, inside its window, outside freezes, and still compatible. */
export function startExecution(command: StartExecution, state: ExecutionState): Decision<ExecutionEvent> {
  if (state.status !== 'NotStarted') return refuse(illegalTransition(state.status, command.type));
  const ready = command.readiness;
  const refusals: GateResult[] =
    !ready || ready.cancelled
      ? [
          gate(
            'ready-for-execution',
            'Only a plan whose every gate passed may be executed.',
            [`upgrade ${command.upgradeId} ready for execution`],
            'finish the plan: POST /upgrades/{id}/ready in planning',
          ),
        ]
      : failedStartGates(command, ready.plan);
  if (refusals.length)
    return refuse(gateRefused(`execution cannot start: ${refusals.map((r) => r.missing[0]).join('; ')}`, refusals));
  const startedAt = command.moment.now.toISOString();
  const rollout = ready!.rollout;
  return accept(
    {
      type: 'ExecutionStarted',
      payload: {
        executionId: command.executionId,
        upgradeId: command.upgradeId,
        operator: command.operator,
        startedAt,
        readyEventId: ready!.readyEventId,
        plan: ready!.plan,
      },
    },
    // A plan with waves runs them one after the other, the first from now (ADR 37).
    ...(rollout?.waves.length
      ? [
          {
            type: 'RolloutStarted' as const,
            payload: {
              upgradeId: command.upgradeId,
              ...rollout,
              startedAt,
              rollbackDecisionDeadline: waveDeadline(ready!.plan, rollout.waves[0]!),
            },
          },
        ]
      : []),
  );
}

/** The gates a ready plan must still pass at the moment it starts: window, freezes, compatibility, evidence. */
function failedStartGates(command: StartExecution, plan: ReadyPlan): GateResult[] {
  const refusals: GateResult[] = [];
  const now = command.moment.now.getTime();
  // With waves, the first wave's window is the one the start must fall in.
  const { startsAt, endsAt } = command.readiness?.rollout?.waves[0]?.window ?? plan.window;
  if (now < Date.parse(startsAt) || now >= Date.parse(endsAt)) {
    refusals.push(
      gate(
        'maintenance-window',
        'The upgrade runs inside its maintenance window.',
        [`the window ${startsAt} – ${endsAt} (now ${command.moment.now.toISOString()})`],
        'start inside the window, or reschedule it in planning',
      ),
    );
  }
  for (const freeze of command.moment.activeFreezes) {
    refusals.push(
      gate(
        'change-freeze',
        'No change during a change freeze.',
        [`no active freeze: "${freeze.name}" (${freeze.freezeId})`],
        'wait for the freeze to end, or reschedule',
      ),
    );
  }
  refusals.push(...impactedAssetFreezes(command));
  const waived = (f: StartExecution['findings'][number]) =>
    plan.compatibilityWaivers.some(
      (w) => w.ruleId === f.ruleId && w.assetId === f.assetId && w.otherAssetId === f.otherAssetId,
    );
  const blocking = command.findings.filter((f) => f.status === 'incompatible' && !waived(f));
  if (blocking.length) {
    refusals.push(
      gate(
        'compatibility',
        'Compatibility is checked again when execution starts.',
        blocking.map((f) => `${f.assetId} ${f.assetVersion} with ${f.otherAssetId} ${f.otherVersion}: ${f.rule}`),
        'resolve the incompatibility that appeared since the plan was ready',
      ),
    );
  }
  return [...refusals, ...startEvidenceGates(command, plan)];
}
