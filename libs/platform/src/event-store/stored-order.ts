import type { DomainEvent } from '../domain/decider.js';

/**
 * A value as PostgreSQL's jsonb gives it back: object keys shortest first, then by their UTF-8
 * bytes, and no undefined members. A state evolved from events in this shape equals the fold of
 * the stream as read from the store, key order included, so the plan a read model writes from the
 * state in hand is answered exactly as a fold of the stored stream would be (ADR 36).
 */
export function storedOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : storedOrder(v)));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toJSON();
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => a.length - b.length || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(entries.map(([k, v]) => [k, storedOrder(v)]));
}

/** An event's type and payload as a fold of the stored stream sees them. */
export const asStored = (event: DomainEvent): DomainEvent => ({
  type: event.type,
  payload: storedOrder(event.payload),
});
