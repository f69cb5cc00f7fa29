import { checkpointProducer, type EventEnvelope } from '@upgrade-control/contracts';
import { matches, type EventFilter } from './audit-arguments.js';

/** What `replay` prints, besides the unreadable records: the upgrades found and their events. */
export interface ReplayCounts {
  events: number;
  upgrades: Record<string, number>;
}

/**
 * `replay`: the matching events of each upgrade in one read of the log, one count per upgrade.
 * A signed checkpoint (ADR 20) is no upgrade's event (its correlation id is its own stream), so
 * it is neither counted nor listed as an upgrade.
 */
export async function replayCounts(records: AsyncIterable<EventEnvelope>, filter: EventFilter): Promise<ReplayCounts> {
  const upgrades = new Map<string, number>();
  let events = 0;
  for await (const e of records) {
    if (checkpointProducer(e.type) !== null || !matches(filter, e)) continue;
    events += 1;
    upgrades.set(e.correlationId, (upgrades.get(e.correlationId) ?? 0) + 1);
  }
  return { events, upgrades: Object.fromEntries(upgrades) };
}
