import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  at,
  beforeApplySnapshot,
  check,
  stepCompleted,
  stepStarted,
} from '../../../../../test/support/fixtures/execution.js';
import {
  pilotAccepted,
  pilotApplied,
  pilotBaking,
  promotedToReplica,
  replicaApplied,
  replicaTaken,
  replicaVerified,
  replicaRunning,
  rolloutExecutionStarted,
  rolloutStarted,
  startRollout,
  waveAccepted,
  replicaWave,
  pilotKept,
} from '../../../../../test/support/fixtures/rollout.js';
import { taken, verified } from '../../../../../test/support/fixtures/execution.js';
import { executionDecider } from '../execution.decider.js';

const spec = deciderSpec(executionDecider);
const acceptanceCheck = (criterionId: string, outcome: 'passed' | 'failed', iso: string) =>
  ({
    type: 'RecordAcceptanceCheck',
    criterionId,
    outcome,
    evidence: 'ok',
    checkedBy: 'oscar',
    moment: at(iso),
  }) as const;

describe('execution of waves: start and apply', () => {
  it('starts the rollout with the first wave when the plan has waves', () => {
    spec.given([]).when(startRollout()).then([rolloutExecutionStarted, rolloutStarted()]);
  });

  it("refuses to start outside the first wave's window even inside the plan's", () => {
    spec
      .given([])
      .when(startRollout({ moment: at('2027-01-16T23:30:00Z') }))
      .thenRefuses(
        'gate-refused',
        /the window 2027-01-16T20:00:00.000Z – 2027-01-16T23:00:00.000Z \(now 2027-01-16T23:30:00.000Z\)/,
      );
  });

  it("applies the running wave to its own targets once that wave's backups are verified", () => {
    spec
      .given([
        rolloutExecutionStarted,
        rolloutStarted(),
        taken,
        verified,
        stepStarted,
        stepCompleted,
        beforeApplySnapshot,
      ])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T22:00:00Z') })
      .then([pilotApplied]);
  });

  it("refuses to apply the next wave before that wave's backups are verified", () => {
    spec
      .given([...pilotBaking, stepStarted, stepCompleted, beforeApplySnapshot, promotedToReplica])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T23:20:00Z') })
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be applied before every planned backup is verified: replica-nightly',
      );
  });

  it('refuses to apply the next wave before its runbook is done again', () => {
    spec
      .given([
        ...pilotBaking,
        promotedToReplica,
        replicaTaken,
        replicaVerified,
        { ...beforeApplySnapshot, payload: { ...beforeApplySnapshot.payload, assetId: 'orders-replica' } },
      ])
      .when({ type: 'ApplyUpgrade', now: new Date('2027-01-16T23:30:00Z') })
      .thenRefuses(
        'gate-refused',
        'the upgrade cannot be applied before every runbook step is completed or skipped: pg-upgrade',
      );
  });
});

describe('execution of waves: acceptance', () => {
  it('accepts a wave that passed the checks it names, and it bakes before the next may start', () => {
    spec
      .given([rolloutExecutionStarted, rolloutStarted(), taken, verified, pilotApplied, check('starts', 'passed')])
      .when(acceptanceCheck('orders', 'passed', '2027-01-16T22:10:00Z'))
      .then([check('orders', 'passed'), pilotAccepted]);
  });

  it('refuses a check the running wave does not name', () => {
    spec
      .given([rolloutExecutionStarted, rolloutStarted(), taken, verified, pilotApplied])
      .when(acceptanceCheck('report', 'passed', '2027-01-16T22:10:00Z'))
      .thenRefuses('invalid', 'criterion report is not checked in wave pilot (it checks starts, orders)');
  });

  it("passes the upgrade's acceptance with its last wave's", () => {
    spec
      .given([...replicaRunning, check('starts', 'passed')])
      .when(acceptanceCheck('orders', 'passed', '2027-01-16T23:40:00Z'))
      .then([
        check('orders', 'passed'),
        waveAccepted(replicaWave, '2027-01-16T23:40:00.000Z', ['starts', 'orders']),
        {
          type: 'AcceptancePassed',
          payload: { upgradeId: 'pg16', passedCriteria: ['starts', 'orders'], monitoringMinutes: 4320 },
        },
      ]);
  });

  it('refuses to complete the upgrade before its last wave', () => {
    spec
      .given(pilotBaking)
      .when({ type: 'CompleteExecution', now: new Date('2027-01-16T22:30:00Z') })
      .thenRefuses('invalid', /the upgrade is complete only after its last wave: wave pilot runs now/);
  });

  it('keeps the deadline of the running wave, not of the plan', () => {
    // The plan keeps 90 min before its end for a rollback; so does the replica wave (ends 02:00 → 00:30).
    spec
      .given([...pilotBaking, promotedToReplica, replicaApplied])
      .when({ type: 'WatchDeadlines', moment: at('2027-01-17T00:31:00Z') })
      .then([
        {
          type: 'RollbackTriggered',
          payload: {
            upgradeId: 'pg16',
            trigger: 'decision-deadline',
            triggerId: null,
            reason: 'the rollback-decision deadline 2027-01-17T00:30:00.000Z passed without AcceptancePassed',
            decidedBy: 'execution-service',
            breakGlass: null,
          },
        },
        pilotKept,
        {
          type: 'WaveRolledBack',
          payload: {
            upgradeId: 'pg16',
            wave: 'replica',
            targets: ['orders-replica'],
            reason: 'the rollback-decision deadline 2027-01-17T00:30:00.000Z passed without AcceptancePassed',
          },
        },
      ]);
  });
});
