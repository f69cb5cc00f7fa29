import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  applied,
  beforeApplySnapshot,
  started,
  stepCompleted,
  stepStarted,
  taken,
  verified,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionEvent } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
/** The fixture's verification, its restore measured at `minutes` (the window keeps 90 for the rollback). */
const restoredIn = (minutes: number): ExecutionEvent => {
  if (verified.type !== 'BackupVerified' || verified.payload.evidence !== 'measured') throw new Error('fixture');
  const { restore } = verified.payload;
  const finishedAt = new Date(Date.parse(restore.startedAt) + minutes * 60_000).toISOString();
  return {
    ...verified,
    payload: { ...verified.payload, restore: { ...restore, finishedAt, durationMs: minutes * 60_000 } },
  };
};
const ready = (verification: ExecutionEvent) => [
  started,
  taken,
  verification,
  stepStarted,
  stepCompleted,
  beforeApplySnapshot,
];
const apply = { type: 'ApplyUpgrade' as const, now: new Date('2027-01-16T22:00:00Z') };

describe('execution: the measured restore must fit the rollback time', () => {
  it('refuses to apply when a verified backup restored slower than the window keeps for the rollback', () => {
    const error = spec
      .given(ready(restoredIn(120)))
      .when(apply)
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be applied: a measured restore does not fit the time kept for the rollback',
      );
    expect(error.kind === 'gate-refused' && error.gates[0]).toMatchObject({
      gate: 'rollback-fits-window',
      missing: [
        "a restore of backup nightly within the 90 min from the rollback decision deadline 2027-01-17T00:30:00.000Z to the window's end (it measured 120 min)",
      ],
    });
  });

  it('applies when the measured restore fits the rollback time', () => {
    spec
      .given(ready(restoredIn(90)))
      .when(apply)
      .then([applied]);
  });
});
