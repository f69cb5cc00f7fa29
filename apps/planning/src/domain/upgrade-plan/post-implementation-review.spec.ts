import { deciderSpec } from '@upgrade-control/platform/testing';
import { afterNotice, facts, history, readyCommands } from '../../../../../test/support/fixtures/upgrade-plan.js';
import {
  closeReview,
  emergencyMonitoredCommands as monitored,
  oweReview,
} from '../../../../../test/support/fixtures/emergency-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const stable: PlanCommand = { type: 'CloseUpgrade', causedByEventId: 'stable' };
const done = (followUp: number, by: string): PlanCommand => ({ type: 'CompleteReviewFollowUp', followUp, by });
/** The review's gate as the report shows it for the plan those commands make. */
const reviewGate = (commands: PlanCommand[]) => {
  const state = spec.given(history(commands)).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, { ...facts(), status: state.status }).find(
    (g) => g.gate === 'post-implementation-review',
  )!;
};

describe('upgrade plan: the review an emergency owes falls due when execution finished', () => {
  it('is due the policy’s days after planning saw execution end', () => {
    spec
      .given(history(monitored))
      .when(oweReview)
      .then([
        {
          type: 'PostImplementationReviewDue',
          payload: {
            upgradeId: 'up-1',
            status: 'Monitoring',
            dueAt: '2026-12-18T01:00:00.000Z',
            causedByEventId: 'accepted',
          },
        },
      ]);
  });

  it('keeps its first due date when execution reports again (a later rollback)', () => {
    spec
      .given(history([...monitored, oweReview]))
      .when({ ...oweReview, now: new Date('2026-12-15T00:00:00Z') } as PlanCommand)
      .thenNothingHappened();
  });

  it('is not owed by a change that took the standard path', () => {
    spec
      .given(history([...readyCommands, { type: 'FollowExecution', status: 'InExecution', causedByEventId: 's' }]))
      .when(oweReview)
      .thenNothingHappened();
  });
});

describe('upgrade plan: closing the post-implementation review', () => {
  it('records the approver, findings, root cause, lessons and numbered follow-ups', () => {
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview())
      .then([
        {
          type: 'PostImplementationReviewClosed',
          payload: {
            upgradeId: 'up-1',
            closedBy: 'bob',
            findings: 'the hotfix went in without a tested rollback',
            rootCause: 'an exploited CVE left no time for the standard path',
            lessons: 'keep a rehearsed rollback for the orders database at hand',
            followUps: [
              {
                followUp: 1,
                action: 'rehearse the rollback on staging',
                owner: 'oscar',
                dueAt: '2026-12-20T12:00:00Z',
              },
            ],
          },
        },
      ]);
  });

  it('refuses a review of a change that is not an emergency', () => {
    spec
      .given(history(readyCommands))
      .when(closeReview())
      .thenRefuses(
        'illegal-transition',
        'upgrade up-1 is planned, not an emergency: it owes no post-implementation review',
      );
  });

  it('refuses a review before execution finished: it is not due yet', () => {
    spec
      .given(history(monitored.slice(0, -1)))
      .when(closeReview())
      .thenRefuses(
        'illegal-transition',
        'the post-implementation review is not due yet: it falls due once execution finishes (the upgrade is InExecution)',
      );
  });

  it('refuses to close a review twice', () => {
    spec
      .given(history([...monitored, oweReview, closeReview()]))
      .when(closeReview({ reviewer: { id: 'carol', role: 'approver' } }))
      .thenRefuses('illegal-transition', 'the post-implementation review was already closed by bob');
  });

  it('refuses a reviewer who is not an approver', () => {
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview({ reviewer: { id: 'oscar', role: 'operator' } }))
      .thenRefuses('forbidden', 'only an approver closes a post-implementation review; oscar acts as operator');
  });

  it('refuses the requester as reviewer, even as an approver', () => {
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview({ reviewer: { id: 'alice', role: 'approver' } }))
      .thenRefuses(
        'forbidden',
        'separation of duties: alice requested this upgrade and cannot close its post-implementation review',
      );
  });

  it('refuses a follow-up without an owner, naming it', () => {
    const followUps = [{ action: 'patch the replica', owner: null, dueAt: '2026-12-20T12:00:00Z' }];
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview({ followUps }))
      .thenRefuses(
        'invalid',
        'followUps[0].owner is missing: follow-up 1 ("patch the replica") needs an owner, the principal who does it',
      );
  });

  it('refuses a follow-up without a due date, naming it', () => {
    const followUps = [{ action: 'patch the replica', owner: 'oscar', dueAt: null }];
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview({ followUps }))
      .thenRefuses('invalid', 'followUps[0].dueAt is missing: follow-up 1 ("patch the replica") needs a due date');
  });
  it('refuses a follow-up due in the past', () => {
    const followUps = [{ action: 'patch the replica', owner: 'oscar', dueAt: '2026-12-13T12:00:00Z' }];
    spec
      .given(history([...monitored, oweReview]))
      .when(closeReview({ followUps }))
      .thenRefuses(
        'invalid',
        'followUps[0].dueAt 2026-12-13T12:00:00Z has passed: follow-up 1 ("patch the replica") must be due ahead',
      );
  });
});

describe('upgrade plan: an emergency closes only after its review', () => {
  it('holds the close while the review is open, listing it beside the after-upgrade notice', () => {
    spec
      .given(history([...monitored, oweReview]))
      .when(stable)
      .then([
        {
          type: 'UpgradeCloseHeld',
          payload: {
            upgradeId: 'up-1',
            causedByEventId: 'stable',
            missing: [
              'an after-upgrade notice to sales',
              'an after-upgrade notice to finance',
              'a post-implementation review closed by an approver (due 2026-12-18T01:00:00.000Z)',
            ],
          },
        },
      ]);
  });

  it('keeps the close held when users are told but the review is still open', () => {
    spec
      .given(history([...monitored, oweReview, stable, ...afterNotice.slice(0, -1)]))
      .when(afterNotice.at(-1)!)
      .then([{ type: 'NoticeDelivered', payload: expect.objectContaining({ phase: 'after' }) }]);
  });

  it('closes a held upgrade with the review that was all it still waited for', () => {
    spec
      .given(history([...monitored, oweReview, stable, ...afterNotice]))
      .when(closeReview())
      .then([
        { type: 'PostImplementationReviewClosed', payload: expect.objectContaining({ closedBy: 'bob' }) },
        {
          type: 'UpgradeClosed',
          payload: { upgradeId: 'up-1', outcome: 'succeeded', postImplementationReviewRequired: true },
        },
      ]);
  });

  it('shows the open review in the gate report after the window, with the fix', () => {
    expect(reviewGate([...monitored, oweReview])).toMatchObject({
      status: 'failed',
      missing: ['a post-implementation review closed by an approver (due 2026-12-18T01:00:00.000Z)'],
      fix: expect.stringContaining('POST /upgrades/{id}/post-implementation-review'),
    });
  });

  it('passes the review gate once an approver closed the review', () => {
    expect(reviewGate([...monitored, oweReview, closeReview()]).status).toBe('passed');
  });

  it('leaves the review gate out for a change that is not an emergency', () => {
    expect(reviewGate(readyCommands).status).toBe('not-applicable');
  });
});

describe('upgrade plan: the review’s follow-ups', () => {
  it('are marked done by their owner', () => {
    spec
      .given(history([...monitored, oweReview, closeReview()]))
      .when(done(1, 'oscar'))
      .then([{ type: 'PostImplementationFollowUpDone', payload: { upgradeId: 'up-1', followUp: 1, doneBy: 'oscar' } }]);
  });

  it('refuses anyone but the owner', () => {
    spec
      .given(history([...monitored, oweReview, closeReview()]))
      .when(done(1, 'bob'))
      .thenRefuses('forbidden', "only oscar, the follow-up's owner, marks follow-up 1 done");
  });

  it('refuses a follow-up the review does not have', () => {
    spec
      .given(history([...monitored, oweReview, closeReview()]))
      .when(done(2, 'oscar'))
      .thenRefuses('not-found', 'the review of upgrade up-1 has no follow-up 2');
  });
});
