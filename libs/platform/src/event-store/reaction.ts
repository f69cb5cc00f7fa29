import { systemActor, type EventEnvelope, type ServiceName } from '@upgrade-control/contracts';
import type { Transaction } from '../database/database.js';
import type { Decider, DomainEvent } from '../domain/decider.js';
import type { Logger } from '../observability/logger.js';
import { handleCommand, type CommandResult } from './command-handling.js';
import { ConcurrencyError } from './concurrency-error.js';
import type { EventStore } from './event-store.js';

export interface Reaction {
  service: ServiceName;
  cause: EventEnvelope;
  tx: Transaction;
  now: Date;
  logger: Logger;
}

/**
 * A service's command in reaction to another service's event: decided and appended in the
 * consumer's transaction, correlated with the upgrade and caused by the event. A refusal is a
 * finding to log, not a failure to retry: the event does not fit the state here. A conflict is
 * thrown, so that the consumer retries the whole transaction on the new state.
 */
export async function react<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  reaction: Reaction,
): Promise<CommandResult> {
  const { cause } = reaction;
  const upgradeId = (cause.payload as { upgradeId?: string }).upgradeId ?? cause.correlationId;
  const context = {
    correlationId: upgradeId,
    causationId: cause.eventId,
    actor: systemActor(reaction.service),
    now: reaction.now,
  };
  const result = await handleCommand(store, decider, streamId, command, context, { tx: reaction.tx });
  // Another writer got to the stream first: the consumer's transaction must roll back and be
  // retried as a whole (a transient failure), or the reaction would be lost with the inbox row.
  if (!result.ok && result.error.kind === 'conflict')
    throw new ConcurrencyError(streamId, result.error.expectedVersion, result.error.actualVersion);
  if (!result.ok)
    reaction.logger.warn(
      { upgradeId, streamId, cause: cause.type, error: result.error },
      `${reaction.service} did not follow ${cause.type}`,
    );
  return result;
}
