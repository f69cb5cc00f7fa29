import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  afterApplySnapshot,
  applied,
  beforeApplySnapshot,
  check,
  started,
  stepCompleted,
  stepStarted,
  taken,
  verified,
} from '../../../../../test/support/fixtures/execution.js';
import type { ExecutionCommand } from '../execution.commands.js';
import type { ExecutionEvent, LinkedSnapshot } from '../execution.state.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const payload = (e: ExecutionEvent) => e.payload as LinkedSnapshot;
/** Inventory's snapshot of a target, as execution's reaction hands it on. */
const record = (linked: ExecutionEvent, changes: Partial<LinkedSnapshot> = {}): ExecutionCommand => {
  const { upgradeId: _, ...snapshot } = payload(linked);
  return { type: 'RecordConfigurationSnapshot', ...snapshot, ...changes };
};
const ready = [started, taken, verified, stepStarted, stepCompleted];
const accepted: ExecutionEvent = {
  type: 'AcceptancePassed',
  payload: { upgradeId: 'pg16', passedCriteria: ['starts', 'orders'], monitoringMinutes: 4320 },
};
const acceptedAfterApply = [...ready, beforeApplySnapshot, applied, check('starts', 'passed'), accepted];
const complete: ExecutionCommand = { type: 'CompleteExecution', now: new Date('2027-01-16T23:00:00Z') };

describe('execution: configuration snapshots before apply', () => {
  it('counts a snapshot of a target captured after the start as its before-apply configuration', () => {
    spec.given(ready).when(record(beforeApplySnapshot)).then([beforeApplySnapshot]);
  });

  it('counts the same snapshot once', () => {
    spec
      .given([...ready, beforeApplySnapshot])
      .when(record(beforeApplySnapshot))
      .thenNothingHappened();
  });

  it('refuses a snapshot captured before the execution started, naming both times', () => {
    spec
      .given(ready)
      .when(record(beforeApplySnapshot, { capturedAt: '2027-01-16T20:59:00.000Z' }))
      .thenRefuses(
        'invalid',
        'snapshot snap-before-apply of orders-db was captured at 2027-01-16T20:59:00.000Z, before the execution started at 2027-01-16T21:00:00.000Z: capture it again',
      );
  });

  it('refuses a before-apply snapshot captured after the upgrade was applied', () => {
    spec
      .given([...ready, beforeApplySnapshot, applied])
      .when(record(beforeApplySnapshot, { snapshotId: 'late', capturedAt: '2027-01-16T22:01:00.000Z' }))
      .thenRefuses('invalid', /after the upgrade was applied at 2027-01-16T22:00:00.000Z/);
  });

  it('refuses a snapshot of an asset that is not a target', () => {
    spec
      .given(ready)
      .when(record(beforeApplySnapshot, { assetId: 'billing-app' }))
      .thenRefuses('invalid', 'billing-app is not a target of upgrade pg16');
  });

  it('refuses to apply while a target has no before-apply snapshot, naming it and the endpoint', () => {
    const error = spec
      .given(ready)
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T22:00:00Z') })
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be applied before every target has its before-apply configuration snapshot: orders-db',
      );
    expect(error).toMatchObject({
      gates: [
        {
          gate: 'configuration-snapshot-before-apply',
          missing: ['a configuration snapshot of orders-db captured after the execution started and before apply'],
          fix: 'capture one as an operator or an agent: POST /assets/{assetId}/snapshots in inventory with forUpgrade { "upgradeId": "pg16", "phase": "before-apply" }',
        },
      ],
    });
  });
});

describe('execution: configuration snapshots after apply', () => {
  it('refuses an after-apply snapshot before the upgrade is applied', () => {
    spec
      .given([...ready, beforeApplySnapshot])
      .when(record(afterApplySnapshot))
      .thenRefuses(
        'invalid',
        'snapshot snap-after-apply of orders-db was captured at 2027-01-16T22:05:00.000Z, before the upgrade was applied: capture it after apply',
      );
  });

  it('counts a snapshot captured after apply as the after-apply configuration', () => {
    spec
      .given([...ready, beforeApplySnapshot, applied])
      .when(record(afterApplySnapshot))
      .then([afterApplySnapshot]);
  });

  it('refuses to complete while a target has no after-apply snapshot, naming it and the endpoint', () => {
    const error = spec
      .given(acceptedAfterApply)
      .when(complete)
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be completed before every target has its after-apply configuration snapshot: orders-db',
      );
    expect(error).toMatchObject({
      gates: [{ missing: ['a configuration snapshot of orders-db captured after apply'] }],
    });
  });

  it('completes once every target has its after-apply snapshot', () => {
    spec
      .given([...acceptedAfterApply, afterApplySnapshot])
      .when(complete)
      .then([
        {
          type: 'ExecutionCompleted',
          payload: { upgradeId: 'pg16', completedAt: '2027-01-16T23:00:00.000Z', afterNoticeDue: true },
        },
      ]);
  });
});
