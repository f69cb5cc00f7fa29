/** One step of an event type's schema history: a payload of `fromVersion` to the next version. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(payload: Record<string, unknown>): Record<string, unknown>;
}
