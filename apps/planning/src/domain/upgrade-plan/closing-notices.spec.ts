import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  afterNotice,
  delivered,
  facts,
  history,
  readyCommands,
  requestNotice,
  subscribers,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const started: PlanCommand = { type: 'FollowExecution', status: 'InExecution', causedByEventId: 'e1' };
const monitoring: PlanCommand = { type: 'FollowExecution', status: 'Monitoring', causedByEventId: 'e2' };
const stable: PlanCommand = { type: 'CloseUpgrade', causedByEventId: 'e3' };
const rolledBack: PlanCommand = { type: 'FollowExecution', status: 'RolledBack', causedByEventId: 'e4' };
const at = new Date('2026-12-13T03:00:00Z');
const rollbackNotice = (over: Partial<PlanCommand> = {}) =>
  ({ type: 'RequestRollbackNotice', causedByEventId: 'e4', subscribers, now: at, ...over }) as PlanCommand;
/** One gate as the report shows it for the plan those commands make. */
const gate = (name: string, commands: PlanCommand[]) => {
  const state = spec.given(history(commands)).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, { ...facts(), status: state.status }).find((g) => g.gate === name)!;
};

describe('upgrade plan: the after-upgrade notice before closing', () => {
  it('holds the close when stability is confirmed before users were told, listing what is missing', () => {
    spec
      .given(history([...readyCommands, started, monitoring]))
      .when(stable)
      .then([
        {
          type: 'UpgradeCloseHeld',
          payload: {
            upgradeId: 'up-1',
            causedByEventId: 'e3',
            missing: ['an after-upgrade notice to sales', 'an after-upgrade notice to finance'],
          },
        },
      ]);
  });

  it('keeps a held close while the after-upgrade notice is only requested', () => {
    const requested = [...readyCommands, started, monitoring, stable, requestNotice('after', at)];
    expect(gate('after-notice', requested).missing).toEqual([
      'an after-upgrade notice to sales (requested, delivery pending)',
      'an after-upgrade notice to finance (requested, delivery pending)',
    ]);
  });

  it('closes a held upgrade with the delivery of the last after-upgrade notice it waited for', () => {
    spec
      .given(history([...readyCommands, started, monitoring, stable, ...afterNotice.slice(0, 2)]))
      .when(afterNotice[2]!)
      .then([
        { type: 'NoticeDelivered', payload: expect.objectContaining({ userGroup: 'finance' }) },
        {
          type: 'UpgradeClosed',
          payload: { upgradeId: 'up-1', outcome: 'succeeded', postImplementationReviewRequired: false },
        },
      ]);
  });

  it('closes at once when users were told before stability was confirmed', () => {
    spec
      .given(history([...readyCommands, started, monitoring, ...afterNotice]))
      .when(stable)
      .then([{ type: 'UpgradeClosed', payload: expect.objectContaining({ outcome: 'succeeded' }) }]);
  });

  it('does not hold a held close again when stability is reported twice', () => {
    spec
      .given(history([...readyCommands, started, monitoring, stable]))
      .when(stable)
      .thenNothingHappened();
  });

  it('shows the missing after-upgrade notice in the gate report from the window on, with the fix', () => {
    expect(gate('after-notice', [...readyCommands, started, monitoring])).toMatchObject({
      status: 'failed',
      missing: ['an after-upgrade notice to sales', 'an after-upgrade notice to finance'],
      fix: 'POST /upgrades/{id}/notices with phase "after"; it counts once a subscriber of each group answered 2xx (register one with POST /notice-subscriptions)',
    });
  });

  it('leaves the after-upgrade notice out of readiness: it is owed only once the window opened', () => {
    expect(gate('after-notice', readyCommands).status).toBe('not-applicable');
  });
});

describe('upgrade plan: the rollback notice', () => {
  const afterRollback = [...readyCommands, started, rolledBack];

  it('writes and requests the rollback notice itself to every affected group with a subscriber', () => {
    spec
      .given(history(afterRollback))
      .when(rollbackNotice())
      .then([
        {
          type: 'NoticeRequested',
          payload: expect.objectContaining({
            noticeId: 'rollback-e4',
            phase: 'rollback',
            userGroups: ['sales', 'finance'],
            requestedBy: 'planning',
            message: expect.objectContaining({
              availableAgain: true,
              changes:
                'The upgrade "PostgreSQL 16 for orders" was rolled back: orders-db run their previous versions again.',
            }),
          }),
        },
      ]);
  });

  it('requests it once per rollback', () => {
    spec
      .given(history([...afterRollback, rollbackNotice()]))
      .when(rollbackNotice())
      .thenNothingHappened();
  });

  it('refuses a rollback notice while the upgrade was not rolled back', () => {
    spec
      .given(history([...readyCommands, started]))
      .when({ ...requestNotice('after', at), phase: 'rollback' } as PlanCommand)
      .thenRefuses('illegal-transition', 'a rollback notice is owed only after a rollback; the upgrade is InExecution');
  });

  it('shows the rollback notice owed after a rollback, naming a group without a subscriber, with the fix', () => {
    const salesOnly = rollbackNotice({ subscribers: subscribers.filter((s) => s.audience === 'sales') } as never);
    expect(gate('rollback-notice', [...afterRollback, salesOnly])).toMatchObject({
      status: 'failed',
      missing: ['a rollback notice to sales (requested, delivery pending)', 'a rollback notice to finance'],
      fix: 'POST /upgrades/{id}/notices with phase "rollback"; it counts once a subscriber of each group answered 2xx (register one with POST /notice-subscriptions)',
    });
  });

  it('passes the rollback-notice gate once every group had its rollback notice delivered', () => {
    const told = [
      ...afterRollback,
      rollbackNotice(),
      delivered('rollback-e4', 'sales', at),
      delivered('rollback-e4', 'finance', at),
    ];
    expect(gate('rollback-notice', told).status).toBe('passed');
  });

  it('leaves the rollback notice out while nothing was rolled back', () => {
    expect(gate('rollback-notice', [...readyCommands, started]).status).toBe('not-applicable');
  });
});
