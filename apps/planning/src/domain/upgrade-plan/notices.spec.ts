import { deciderSpec } from '@upgrade-control/platform/testing';
import {
  approve,
  beforeNotice,
  delivered,
  draftCommands,
  facts,
  history,
  ready,
  requestNotice,
  scheduleWindow as window,
  submit,
  subscribers,
} from '../../../../../test/support/fixtures/upgrade-plan.js';
import { evaluateGates } from '../gates.js';
import type { PlanCommand } from '../upgrade-plan.commands.js';
import { upgradePlanDecider } from '../upgrade-plan.decider.js';

const spec = deciderSpec(upgradePlanDecider);
const scheduled = () => [...draftCommands, submit, approve('bob'), window()];
const requestedAt = new Date('2026-12-02T09:00:00Z');
const request = requestNotice('before', requestedAt);
/** The communication gate as the report shows it for the plan those commands make. */
const communication = (commands: PlanCommand[]) => {
  const state = spec.given(history(commands)).state;
  if (state.status === 'None') throw new Error('no plan');
  return evaluateGates(state.plan, facts()).find((g) => g.gate === 'communication')!;
};

describe('upgrade plan: a notice is requested as webhook deliveries', () => {
  it('records the request on the server clock with one delivery per subscriber, the sender’s time as reported only', () => {
    spec
      .given(history(scheduled()))
      .when({ ...request, reportedSentAt: '2026-11-01T09:00:00Z' } as PlanCommand)
      .then([
        {
          type: 'NoticeRequested',
          payload: expect.objectContaining({
            noticeId: 'n-before',
            requestedAt: '2026-12-02T09:00:00.000Z',
            reportedSentAt: '2026-11-01T09:00:00Z',
            deliveries: subscribers.map((s) => ({
              deliveryId: `n-before:${s.subscriptionId}`,
              userGroup: s.audience,
              subscriptionId: s.subscriptionId,
              url: s.url,
              secretFingerprint: s.secretFingerprint,
            })),
          }),
        },
      ]);
  });

  it('refuses a notice to a user group nobody subscribed for, naming the group and the fix', () => {
    const error = spec
      .given(history(scheduled()))
      .when({ ...request, subscribers: subscribers.filter((s) => s.audience === 'sales') } as PlanCommand)
      .thenRefuses('gate-refused', 'the notice is refused: no subscriber endpoint for user group finance');
    expect(error.kind === 'gate-refused' && error.gates[0]).toMatchObject({
      gate: 'communication',
      missing: ['a subscriber endpoint for user group finance'],
      fix: 'POST /notice-subscriptions with the group as audience and the endpoint url',
    });
  });

  it('records a delivery the dispatcher reports, with its attempts and status code', () => {
    spec
      .given(history([...scheduled(), request]))
      .when(delivered('n-before', 'sales', new Date('2026-12-02T09:00:05Z')))
      .then([
        {
          type: 'NoticeDelivered',
          payload: {
            upgradeId: 'up-1',
            noticeId: 'n-before',
            phase: 'before',
            deliveryId: 'n-before:sub-sales',
            userGroup: 'sales',
            subscriptionId: 'sub-sales',
            attempts: 1,
            deliveredAt: '2026-12-02T09:00:05.000Z',
            statusCode: 204,
          },
        },
      ]);
  });

  it('changes nothing when a delivery is reported again', () => {
    spec
      .given(history([...scheduled(), request, delivered('n-before', 'sales', requestedAt)]))
      .when(delivered('n-before', 'sales', requestedAt))
      .thenNothingHappened();
  });

  it('refuses a report about a delivery the plan never requested', () => {
    spec
      .given(history(scheduled()))
      .when(delivered('n-other', 'sales', requestedAt))
      .thenRefuses('not-found', 'no notice delivery n-other:sub-sales on upgrade up-1');
  });
});

describe('upgrade plan: users count as told only once delivered', () => {
  it('refuses readiness on a requested notice whose delivery is pending, saying so', () => {
    spec
      .given(history([...scheduled(), request]))
      .when(ready)
      .thenRefuses('gate-refused', /communication/);
    expect(communication([...scheduled(), request]).missing).toEqual([
      'a notice to sales by 2026-12-07T20:00:00.000Z (requested, delivery pending)',
      'a notice to finance by 2026-12-07T20:00:00.000Z (requested, delivery pending)',
    ]);
  });

  it('measures the lead time from delivery: requested in time, delivered too late does not count', () => {
    const late = new Date('2026-12-10T09:00:00Z');
    const commands = [
      ...scheduled(),
      request,
      delivered('n-before', 'sales', late),
      delivered('n-before', 'finance', late),
    ];
    spec
      .given(history(commands))
      .when(ready)
      .thenRefuses('gate-refused', /communication/);
    expect(communication(commands).missing[0]).toBe(
      'a notice to sales by 2026-12-07T20:00:00.000Z (delivered only at 2026-12-10T09:00:00.000Z)',
    );
  });

  it('shows a failed delivery with its reason in the gate, with the fix', () => {
    const failed: PlanCommand = {
      type: 'RecordNoticeDelivery',
      deliveryId: 'n-before:sub-finance',
      attempts: 1,
      outcome: { status: 'failed', statusCode: 410, reason: 'the endpoint answered 410 Gone' },
      now: requestedAt,
    };
    expect(communication([...scheduled(), request, delivered('n-before', 'sales', requestedAt), failed])).toEqual(
      expect.objectContaining({
        status: 'failed',
        missing: ['a notice to finance by 2026-12-07T20:00:00.000Z (delivery failed: the endpoint answered 410 Gone)'],
        fix: 'POST /upgrades/{id}/notices with phase "before"; it counts once a subscriber of each group answered 2xx (register one with POST /notice-subscriptions)',
      }),
    );
  });

  it('passes communication once every group had a delivery in time', () => {
    expect(communication([...scheduled(), ...beforeNotice]).status).toBe('passed');
  });

  it('counts a notice recorded before webhooks (UsersNotified) at its recorded time', () => {
    const state = spec.given([
      ...history(scheduled()),
      {
        type: 'UsersNotified',
        payload: {
          upgradeId: 'up-1',
          phase: 'before',
          userGroups: ['sales', 'finance'],
          channel: 'email',
          sentAt: '2026-12-02T09:00:00.000Z',
          reportedSentAt: null,
          message: request.type === 'RequestNotice' ? request.message : (null as never),
        },
      },
    ]).state;
    if (state.status === 'None') throw new Error('no plan');
    expect(evaluateGates(state.plan, facts(), ['communication'])[0]!.status).toBe('passed');
  });
});
