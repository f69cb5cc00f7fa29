import type { NOTICE_PHASES } from '@upgrade-control/contracts';
import type { NoticeRequest, Plan, PlanEvent } from './upgrade-plan.state.js';

// Notices as webhooks (ADR 13): a user group counts as told once one delivery of a notice to it
// succeeded (2xx), from the moment it succeeded. Requested is not told.

export type NoticePhase = (typeof NOTICE_PHASES)[number];

/** A subscriber endpoint registered for a user group, as commands see it: never its secret. */
export interface NoticeSubscriber {
  subscriptionId: string;
  audience: string;
  url: string;
  secretFingerprint: string;
}

type NoticeEvent = Extract<PlanEvent, { type: 'NoticeRequested' | 'NoticeDelivered' | 'NoticeDeliveryFailed' }>;

export function evolveNotices(requests: NoticeRequest[], event: NoticeEvent): NoticeRequest[] {
  if (event.type === 'NoticeRequested') return [...requests, { ...event.payload, outcomes: [] }];
  const p = event.payload;
  const outcome =
    event.type === 'NoticeDelivered'
      ? { deliveryId: p.deliveryId, status: 'delivered' as const, at: event.payload.deliveredAt, reason: null }
      : {
          deliveryId: p.deliveryId,
          status: 'failed' as const,
          at: event.payload.failedAt,
          reason: event.payload.reason,
        };
  return requests.map((r) => (r.noticeId === p.noticeId ? { ...r, outcomes: [...r.outcomes, outcome] } : r));
}

/** The delivery of a request, and how it ended if it did. */
export const deliveryOf = (plan: Plan, deliveryId: string) => {
  for (const request of plan.noticeRequests) {
    const delivery = request.deliveries.find((d) => d.deliveryId === deliveryId);
    if (delivery) return { request, delivery, outcome: request.outcomes.find((o) => o.deliveryId === deliveryId) };
  }
  return null;
};

/**
 * When each user group was first told in the phase: the first 2xx delivery to it. Notices recorded
 * before webhooks existed (UsersNotified) were accepted as sent on the server's receipt, and count
 * from then: rewriting history would make closed plans fail gates they passed.
 */
export function toldAt(plan: Plan, phase: NoticePhase): Map<string, number> {
  const told = new Map<string, number>();
  const tell = (group: string, at: string) => told.set(group, Math.min(told.get(group) ?? Infinity, Date.parse(at)));
  for (const n of plan.notices.filter((n) => n.phase === phase)) for (const g of n.userGroups) tell(g, n.sentAt);
  for (const r of plan.noticeRequests.filter((r) => r.phase === phase))
    for (const o of r.outcomes.filter((o) => o.status === 'delivered'))
      tell(r.deliveries.find((d) => d.deliveryId === o.deliveryId)!.userGroup, o.at);
  return told;
}

/** What became of the group's notices in the phase, for a gate's missing list ('' if none was requested). */
export function deliveryNote(plan: Plan, phase: NoticePhase, group: string): string {
  const deliveries = plan.noticeRequests
    .filter((r) => r.phase === phase)
    .flatMap((r) => r.deliveries.filter((d) => d.userGroup === group).map((d) => ({ r, d })));
  if (deliveries.length === 0) return '';
  const outcomes = deliveries.map(({ r, d }) => r.outcomes.find((o) => o.deliveryId === d.deliveryId));
  const delivered = outcomes.find((o) => o?.status === 'delivered');
  if (delivered) return ` (delivered only at ${delivered.at})`;
  if (outcomes.some((o) => !o)) return ' (requested, delivery pending)';
  return ` (delivery failed: ${outcomes.map((o) => o!.reason).join('; ')})`;
}

/** The affected user groups not told in the phase, each as '<what> to <group>' with its delivery state. */
export function untold(plan: Plan, phase: NoticePhase, what: string): string[] {
  const told = toldAt(plan, phase);
  return (plan.impact?.userGroups ?? [])
    .filter((g) => !told.has(g))
    .map((g) => `${what} to ${g}${deliveryNote(plan, phase, g)}`);
}
