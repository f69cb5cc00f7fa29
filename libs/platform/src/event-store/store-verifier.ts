import { verifyLog, type EventEnvelope, type LogVerification } from '@upgrade-control/contracts';
import type { EventStore } from './event-store.js';

/** Re-derives every hash from what is stored and reports each stream's first broken link. */
export async function verifyEventStore(store: EventStore): Promise<LogVerification> {
  const events: EventEnvelope[] = [];
  for await (const page of store.readAll()) events.push(...page);
  return verifyLog(events);
}
