import type { Actor } from '@upgrade-control/contracts';
import {
  accept,
  gateRefused,
  invalid,
  notFound,
  refuse,
  type Decision,
  type DomainError,
  type GateResult,
} from '@upgrade-control/platform/domain';
import type { Moment } from '../execution.commands.js';
import type { ExecutionEvent, Run } from '../execution.state.js';
import { waveDeadline } from './rollout.js';
import { gate, SYSTEM, unlessIn, type Command, type Started } from './shared.js';

/**
 * Rule book: staged deployment of major or risky upgrades, a pilot first. Issue 18: wave N+1 starts
 * only after wave N passed acceptance and stayed healthy for its bake time, automatically or by an
 * approver as the plan says; a freeze declared mid-rollout blocks the next promotion (never a
 * rollback, which goes through the rollback commands).
 */
export function promoteWave(command: Command<'PromoteWave'>, state: Started): Decision<ExecutionEvent> {
  const { run } = state;
  const refusal = unlessIn(state, command.type, 'Running') ?? nextWaveProblem(run, command.wave);
  if (refusal) return refuse(refusal);
  const from = run.rollout!.waves[run.rollout!.current]!;
  if (from.promotion === 'approval' && command.promotedBy.role !== 'approver')
    return refuse({
      kind: 'forbidden',
      message: `wave ${from.name} is promoted by an approver (the plan says promotion: approval)`,
    });
  const gates = promotionGates(run, command.moment);
  if (gates.length)
    return refuse(
      gateRefused(`wave ${command.wave} cannot start: ${gates.map((g) => g.missing[0]).join('; ')}`, gates),
    );
  return accept(promoted(run, command.promotedBy.id, command.moment));
}

/**
 * The watchdog's promotion: the running wave's plan says automatic, its bake is over and nothing
 * blocks it. Blocked (a freeze, the next window not open yet) it waits for a later tick.
 */
export function automaticPromotion(run: Run, moment: Moment): ExecutionEvent[] {
  const rollout = run.rollout;
  if (!rollout || rollout.current === rollout.waves.length - 1) return [];
  const from = rollout.waves[rollout.current]!;
  if (from.promotion !== 'automatic' || rollout.progress[from.name]!.status !== 'accepted') return [];
  return promotionGates(run, moment).length ? [] : [promoted(run, SYSTEM, moment)];
}

/** The wave named is the one after the running wave, and the running wave is accepted. */
function nextWaveProblem(run: Run, name: string): DomainError | null {
  const rollout = run.rollout;
  if (!rollout) return invalid('wave', 'rollout', `upgrade ${run.upgradeId} has no waves: there is nothing to promote`);
  const index = rollout.waves.findIndex((w) => w.name === name);
  if (index < 0) return notFound(`wave ${name} is not a wave of upgrade ${run.upgradeId}`);
  const running = rollout.waves[rollout.current]!;
  if (index !== rollout.current + 1)
    return invalid(
      'wave',
      'next-wave',
      `wave ${name} is not next: wave ${running.name} is the ${rollout.progress[running.name]!.status} wave, waves start in order`,
    );
  if (rollout.progress[running.name]!.status !== 'accepted')
    return invalid(
      'wave',
      'accepted-first',
      `wave ${name} cannot start before wave ${running.name} passed its acceptance checks`,
    );
  return null;
}

/** What still stands between the accepted wave and the next: its bake, a pending decision, a freeze, the next window. */
function promotionGates(run: Run, moment: Moment): GateResult[] {
  const rollout = run.rollout!;
  const from = rollout.waves[rollout.current]!;
  const to = rollout.waves[rollout.current + 1]!;
  const now = moment.now.getTime();
  const at = moment.now.toISOString();
  const gates: GateResult[] = [];
  const bakeUntil = rollout.progress[from.name]!.bakeUntil!;
  if (now < Date.parse(bakeUntil))
    gates.push(
      gate(
        'bake-time',
        'A wave is promoted only after its analysis stayed healthy for its bake time.',
        [`wave ${from.name} baked until ${bakeUntil} (now ${at})`],
        'wait for the bake time to pass; a regression meanwhile rolls the wave back',
      ),
    );
  if (run.pendingDecision)
    gates.push(
      gate(
        'healthy',
        'A wave whose analysis asks for a rollback decision is not healthy.',
        [`a decision on trigger ${run.pendingDecision.triggerId}: ${run.pendingDecision.reason}`],
        'the decision owner decides: POST /upgrades/{id}/rollback/decision',
      ),
    );
  for (const freeze of moment.activeFreezes)
    gates.push(
      gate(
        'change-freeze',
        'No change during a change freeze: a freeze blocks the next promotion, never a rollback.',
        [`no active freeze: "${freeze.name}" (${freeze.freezeId})`],
        'wait for the freeze to end',
      ),
    );
  if (now < Date.parse(to.window.startsAt) || now >= Date.parse(to.window.endsAt))
    gates.push(
      gate(
        'maintenance-window',
        'Each wave runs inside its own window.',
        [`wave ${to.name}'s window ${to.window.startsAt} – ${to.window.endsAt} (now ${at})`],
        'promote inside the next wave’s window, or redefine the waves in a new plan',
      ),
    );
  return gates;
}

function promoted(run: Run, promotedBy: Actor['id'], moment: Moment): ExecutionEvent {
  const rollout = run.rollout!;
  const from = rollout.waves[rollout.current]!;
  const to = rollout.waves[rollout.current + 1]!;
  return {
    type: 'WavePromoted',
    payload: {
      upgradeId: run.upgradeId,
      from: from.name,
      to: to.name,
      promotedBy,
      promotedAt: moment.now.toISOString(),
      bakedSince: rollout.progress[from.name]!.acceptedAt!,
      rollbackDecisionDeadline: waveDeadline(run.plan, to),
    },
  };
}
