import type { EventEnvelope } from './envelope.js';

/** One step of an event type's schema history: a stored payload of one version to the next. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** The stored event is there for what the payload alone cannot say (e.g. when it was recorded). */
  upcast(payload: Record<string, unknown>, event: EventEnvelope): Record<string, unknown>;
}
