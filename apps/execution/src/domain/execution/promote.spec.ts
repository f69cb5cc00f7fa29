import { deciderSpec } from '@upgrade-control/platform/testing';
import { at, taken, verified } from '../../../../../test/support/fixtures/execution.js';
import {
  pilotAccepted,
  pilotApplied,
  pilotBaking,
  pilotWave,
  promotedToReplica,
  replicaWave,
  rolloutExecutionStarted,
  rolloutStarted,
} from '../../../../../test/support/fixtures/rollout.js';
import type { ExecutionCommand } from '../execution.commands.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const promote = (
  iso: string,
  role: 'approver' | 'operator' = 'approver',
  wave = 'replica',
  freezes = [] as { freezeId: string; name: string }[],
): ExecutionCommand => ({
  type: 'PromoteWave',
  wave,
  promotedBy: { id: role === 'approver' ? 'amira' : 'oscar', role },
  moment: at(iso, freezes),
});

/** The same pilot, baking, but promoted by the watchdog. */
const automaticPilotBaking = [
  rolloutExecutionStarted,
  rolloutStarted([{ ...pilotWave, promotion: 'automatic' }, replicaWave]),
  taken,
  verified,
  pilotApplied,
  pilotAccepted,
];

describe('execution of waves: promotion', () => {
  it('promotes to the next wave once the accepted wave baked healthy, by an approver as the plan says', () => {
    spec.given(pilotBaking).when(promote('2027-01-16T23:15:00Z')).then([promotedToReplica]);
  });

  it('refuses a promotion before the bake time has passed', () => {
    spec
      .given(pilotBaking)
      .when(promote('2027-01-16T23:05:00Z'))
      .thenRefuses(
        'gate-refused',
        'wave replica cannot start: wave pilot baked until 2027-01-16T23:10:00.000Z (now 2027-01-16T23:05:00.000Z)',
      );
  });

  it('refuses a promotion inside a change freeze declared mid-rollout', () => {
    const refusal = spec
      .given(pilotBaking)
      .when(promote('2027-01-16T23:15:00Z', 'approver', 'replica', [{ freezeId: 'f9', name: 'incident freeze' }]))
      .thenRefuses('gate-refused', 'wave replica cannot start: no active freeze: "incident freeze" (f9)');
    expect(refusal).toMatchObject({ gates: [{ gate: 'change-freeze' }] });
  });

  it("refuses an operator's promotion when the plan asks an approver", () => {
    spec
      .given(pilotBaking)
      .when(promote('2027-01-16T23:15:00Z', 'operator'))
      .thenRefuses('forbidden', 'wave pilot is promoted by an approver (the plan says promotion: approval)');
  });

  it('refuses to promote before the running wave passed acceptance', () => {
    spec
      .given([rolloutExecutionStarted, rolloutStarted(), taken, verified, pilotApplied])
      .when(promote('2027-01-16T23:15:00Z'))
      .thenRefuses('invalid', 'wave replica cannot start before wave pilot passed its acceptance checks');
  });

  it('refuses to promote a wave that is not next', () => {
    spec
      .given(pilotBaking)
      .when(promote('2027-01-16T23:15:00Z', 'approver', 'pilot'))
      .thenRefuses('invalid', 'wave pilot is not next: wave pilot is the accepted wave, waves start in order');
  });

  it('promotes an automatic wave by itself when its bake is over and the next window is open', () => {
    spec
      .given(automaticPilotBaking)
      .when({ type: 'WatchDeadlines', moment: at('2027-01-16T23:15:00Z') })
      .then([
        {
          ...promotedToReplica,
          payload: { ...promotedToReplica.payload, promotedBy: 'execution-service' },
        } as typeof promotedToReplica,
      ]);
  });

  it('waits with an automatic promotion while a freeze is in force', () => {
    spec
      .given(automaticPilotBaking)
      .when({
        type: 'WatchDeadlines',
        moment: at('2027-01-16T23:15:00Z', [{ freezeId: 'f9', name: 'incident freeze' }]),
      })
      .thenNothingHappened();
  });
});
