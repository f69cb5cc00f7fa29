import { accept, gateRefused, notFound, refuse } from '@upgrade-control/platform/domain';
import { closeMissing } from '../gates.js';
import { deliveryOf, evolveNotices, type NoticePhase, type NoticeSubscriber } from '../notices.js';
import type { Plan, PlanEvent } from '../upgrade-plan.state.js';
import { AFTER_WINDOW, BEFORE_WINDOW, type CommandOf, type OnPlan, type PlanDecision } from './context.js';
import { closed } from './following.js';

// Notices go out as webhooks (ADR 13): planning records the request with one delivery per
// subscriber endpoint of each group, its dispatcher delivers them and records each outcome here.

const GATE_OF: Record<NoticePhase, string> = {
  before: 'communication',
  after: 'after-notice',
  rollback: 'rollback-notice',
};

/**
 * Rule: users are told before the change, after it, and after a rollback. A group nobody
 * subscribed for cannot be told, so the request is refused naming it: an operator expects to hear
 * that now rather than find an undelivered notice at the gate.
 */
export function requestNotice(command: CommandOf<'RequestNotice'>, on: OnPlan): PlanDecision {
  const { allowedIn, upgradeId } = on;
  const refusal = allowedIn(...(command.phase === 'before' ? BEFORE_WINDOW : AFTER_WINDOW));
  if (refusal) return refuse(refusal);
  if (command.phase === 'rollback' && on.status !== 'RolledBack') return refuse(onlyAfterRollback(on));
  const unsubscribed = command.userGroups.filter((g) => !command.subscribers.some((s) => s.audience === g));
  if (unsubscribed.length)
    return refuse(
      gateRefused(`the notice is refused: no subscriber endpoint for user group ${unsubscribed.join(', ')}`, [
        {
          gate: GATE_OF[command.phase],
          rule: 'A notice reaches a user group through the subscriber endpoints registered for it.',
          status: 'failed',
          missing: unsubscribed.map((g) => `a subscriber endpoint for user group ${g}`),
          fix: 'POST /notice-subscriptions with the group as audience and the endpoint url',
        },
      ]),
    );
  const { type: _, now, subscribers, ...notice } = command;
  return accept(requested(upgradeId, { ...notice, requestedAt: now.toISOString() }, subscribers));
}

const onlyAfterRollback = ({ status }: OnPlan) => ({
  kind: 'illegal-transition' as const,
  message: `a rollback notice is owed only after a rollback; the upgrade is ${status}`,
  from: status,
  command: 'RequestNotice',
});

/**
 * Rule: users are told of a rollback. Planning writes and sends it itself when the rollback
 * completes, to every affected group that has a subscriber (ADR 13): the rollback happened at
 * machine speed, and users should not wait for someone to remember. Once per rollback.
 */
export function requestRollbackNotice(command: CommandOf<'RequestRollbackNotice'>, on: OnPlan): PlanDecision {
  const { plan, upgradeId, allowedIn } = on;
  const refusal = allowedIn('RolledBack');
  if (refusal) return refuse(refusal);
  const noticeId = `rollback-${command.causedByEventId}`;
  if (plan.noticeRequests.some((r) => r.noticeId === noticeId)) return accept();
  // A group without a subscriber stays untold: the rollback-notice gate names it, with the fix.
  const userGroups = (plan.impact?.userGroups ?? []).filter((g) => command.subscribers.some((s) => s.audience === g));
  if (userGroups.length === 0) return accept();
  const notice = {
    noticeId,
    phase: 'rollback' as const,
    userGroups,
    channel: 'webhook',
    message: rollbackMessage(plan),
    requestedAt: command.now.toISOString(),
    requestedBy: 'planning',
    reportedSentAt: null,
  };
  return accept(requested(upgradeId, notice, command.subscribers));
}

function rollbackMessage(plan: Plan) {
  const targets = plan.targets.map((t) => t.assetId).join(', ');
  return {
    expectedTime: null,
    serviceImpact: null,
    limitations: null,
    contact: null,
    avoid: null,
    availableAgain: true,
    changes: `The upgrade "${plan.title}" was rolled back: ${targets} run their previous versions again.`,
    knownIssues: null,
  };
}

type Notice = Omit<Extract<PlanEvent, { type: 'NoticeRequested' }>['payload'], 'upgradeId' | 'deliveries'>;

/** The request with one delivery per subscriber of each group; the delivery id is the CloudEvent id. */
function requested(upgradeId: string, notice: Notice, subscribers: NoticeSubscriber[]): PlanEvent {
  const deliveries = notice.userGroups.flatMap((userGroup) =>
    subscribers
      .filter((s) => s.audience === userGroup)
      .map(({ subscriptionId, url, secretFingerprint }) => ({
        deliveryId: `${notice.noticeId}:${subscriptionId}`,
        userGroup,
        subscriptionId,
        url,
        secretFingerprint,
      })),
  );
  return { type: 'NoticeRequested', payload: { upgradeId, ...notice, deliveries } };
}

/**
 * The dispatcher reports how a delivery ended; a report seen before changes nothing. The last
 * after-upgrade notice a held close waited for closes the upgrade with it.
 */
export function recordNoticeDelivery(
  command: CommandOf<'RecordNoticeDelivery'>,
  { status, plan, upgradeId }: OnPlan,
): PlanDecision {
  const found = deliveryOf(plan, command.deliveryId);
  if (!found) return refuse(notFound(`no notice delivery ${command.deliveryId} on upgrade ${upgradeId}`));
  if (found.outcome) return accept();
  const { request, delivery } = found;
  const ids = {
    upgradeId,
    noticeId: request.noticeId,
    phase: request.phase,
    deliveryId: delivery.deliveryId,
    userGroup: delivery.userGroup,
    subscriptionId: delivery.subscriptionId,
    attempts: command.attempts,
  };
  const at = command.now.toISOString();
  const { outcome } = command;
  if (outcome.status === 'failed')
    return accept({
      type: 'NoticeDeliveryFailed',
      payload: { ...ids, failedAt: at, statusCode: outcome.statusCode, reason: outcome.reason },
    });
  const delivered = {
    type: 'NoticeDelivered' as const,
    payload: { ...ids, deliveredAt: at, statusCode: outcome.statusCode },
  };
  const told = { ...plan, noticeRequests: evolveNotices(plan.noticeRequests, delivered) };
  const closes = status === 'Monitoring' && plan.closeHeld !== null && closeMissing(told).length === 0;
  return closes ? accept(delivered, closed(plan)) : accept(delivered);
}
