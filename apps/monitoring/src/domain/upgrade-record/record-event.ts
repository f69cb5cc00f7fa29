import type {
  DomainEventOf,
  EventEnvelope,
  executionEvents,
  inventoryEvents,
  monitoringEvents,
  planningEvents,
} from '@upgrade-control/contracts';

type Contract = (
  typeof inventoryEvents | typeof planningEvents | typeof executionEvents | typeof monitoringEvents
)[number];

/** An event of the upgrade as the record reads it: its typed payload, when it happened and who did it. */
export type RecordEvent = DomainEventOf<Contract> & Pick<EventEnvelope, 'occurredAt' | 'actor'>;

/** The payloads were validated against their contracts (and upcast) before they reached the log. */
export const toRecordEvent = (e: EventEnvelope): RecordEvent =>
  ({ type: e.type, payload: e.payload, occurredAt: e.occurredAt, actor: e.actor }) as RecordEvent;

/**
 * One section of the record: where it starts and how each event changes it. Sections read
 * only events and never each other, so each is a fold of its own over the same history.
 */
export interface RecordSection<S> {
  readonly initial: () => S;
  readonly evolve: (section: S, event: RecordEvent) => S;
}

/** The list with its first item that matches changed, or the list itself when none does. */
export function changeFirst<T>(items: T[], matches: (item: T) => boolean, change: (item: T) => T): T[] {
  const at = items.findIndex(matches);
  return at < 0 ? items : items.with(at, change(items[at]!));
}

/** A list section with one entry per event of one type, in the order the events happened. */
export function entryPerEvent<T extends RecordEvent['type'], E>(
  type: T,
  entry: (event: Extract<RecordEvent, { type: T }>) => NoInfer<E>,
): RecordSection<E[]> {
  const isOfType = (event: RecordEvent): event is Extract<RecordEvent, { type: T }> => event.type === type;
  return {
    initial: () => [],
    evolve: (section, event) => (isOfType(event) ? [...section, entry(event)] : section),
  };
}
