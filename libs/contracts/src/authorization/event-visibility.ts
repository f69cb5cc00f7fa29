import type { EventEnvelope, Role } from '../envelope.js';

/**
 * What each role sees of the published events, on the live stream (`streamEvents`) and in an
 * upgrade's history (`getUpgradeHistory`): one policy for both feeds.
 *
 * A notice's webhook target is a credential in practice (many receivers put their token in the
 * URL), and a failed delivery's reason names that URL. Those who manage subscriptions (planners,
 * operators) and auditors see it; approvers see that notices went out, without the targets;
 * observers, who neither send notices nor manage their endpoints, see none of those events.
 * Agents and the system role read no events over HTTP.
 */
export type Visibility = 'full' | 'redacted' | 'none';

export interface EventCategory {
  description: string;
  /** Event types of this category; the last category takes every type not listed elsewhere. */
  types: readonly string[] | 'every other type';
  visibility: Readonly<Record<Role, Visibility>>;
  /** Payload fields a `redacted` view leaves out, by type (`a[].b`: field b of every element of a). */
  redactions?: Readonly<Record<string, readonly string[]>>;
}

export const EVENT_VISIBILITY = {
  noticeDeliveries: {
    description: 'notice requests and their webhook deliveries',
    types: ['NoticeRequested', 'NoticeDelivered', 'NoticeDeliveryFailed'],
    visibility: {
      auditor: 'full',
      planner: 'full',
      operator: 'full',
      approver: 'redacted',
      observer: 'none',
      agent: 'none',
      system: 'none',
    },
    redactions: {
      NoticeRequested: ['deliveries[].url', 'deliveries[].secretFingerprint'],
      NoticeDeliveryFailed: ['reason'],
    },
  },
  domain: {
    description: 'every other event of the four services',
    types: 'every other type',
    visibility: {
      auditor: 'full',
      planner: 'full',
      operator: 'full',
      approver: 'full',
      observer: 'full',
      agent: 'none',
      system: 'none',
    },
  },
} as const satisfies Record<string, EventCategory>;

export type EventCategoryName = keyof typeof EVENT_VISIBILITY;

const categories = Object.entries(EVENT_VISIBILITY) as [EventCategoryName, EventCategory][];

export function categoryOf(type: string): EventCategoryName {
  const listed = categories.find(([, c]) => c.types !== 'every other type' && c.types.includes(type));
  return listed ? listed[0] : 'domain';
}

export const visibilityOf = (role: Role, type: string): Visibility =>
  EVENT_VISIBILITY[categoryOf(type)].visibility[role];

/** An event as a role may see it; `redacted` names the payload fields left out (its hash is the original's). */
export type EventView = EventEnvelope & { redacted?: string[] };

/** The event as this role may see it, or null when it may not see it at all. */
export function viewEvent(role: Role, envelope: EventEnvelope): EventView | null {
  const category: EventCategory = EVENT_VISIBILITY[categoryOf(envelope.type)];
  const visibility = category.visibility[role];
  if (visibility === 'none') return null;
  const paths = category.redactions?.[envelope.type] ?? [];
  if (visibility === 'full' || paths.length === 0) return envelope;
  let payload: unknown = envelope.payload;
  for (const path of paths) payload = without(payload, path.split('.'));
  return { ...envelope, payload: payload as Record<string, unknown>, redacted: paths.map((p) => `payload.${p}`) };
}

/** A copy of `value` without the field at `path`; `name[]` steps into every element of an array. */
function without(value: unknown, path: string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const [step, ...rest] = path as [string, ...string[]];
  const record = value as Record<string, unknown>;
  const each = step.endsWith('[]');
  const name = each ? step.slice(0, -2) : step;
  if (!(name in record)) return value;
  if (rest.length === 0 && !each) {
    const { [name]: _dropped, ...kept } = record;
    return kept;
  }
  const inner = record[name];
  const next = each && Array.isArray(inner) ? inner.map((item) => without(item, rest)) : without(inner, rest);
  return { ...record, [name]: next };
}
