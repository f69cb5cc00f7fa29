import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@upgrade-control/contracts';
import type { Decider, DomainEvent } from '../domain/decider.js';
import type { DomainError } from '../domain/domain-error.js';
import { ConcurrencyError } from './concurrency-error.js';
import type { AppendContext, EventStore } from './event-store.js';

export type CommandResult =
  { ok: true; streamVersion: number; events: EventEnvelope[] } | { ok: false; error: DomainError };

export interface HandleOptions {
  /** The version the caller last saw (If-Match); a mismatch is a 409, never retried. */
  expectedVersion?: number;
  /** Retries on a concurrent append when the caller did not pin a version. */
  maxAttempts?: number;
  /** An enclosing transaction, e.g. a consumer's, so the reaction commits with its inbox row. */
  manager?: EntityManager;
}

/**
 * The one write path: load the stream, fold it with evolve, decide, append with the version
 * that was loaded. A concurrent writer makes the append fail; the command is then decided again
 * on the new state, a bounded number of times.
 */
export async function handleCommand<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  context: AppendContext,
  options: HandleOptions = {},
): Promise<CommandResult> {
  // Inside an enclosing transaction a conflict must abort it; the caller's retry starts over.
  const attempts = options.expectedVersion === undefined && !options.manager ? (options.maxAttempts ?? 3) : 1;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId, options.manager);
    const version = history.length;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      return { ok: false, error: conflict(streamId, options.expectedVersion, version) };
    }
    const state = history
      .map((e) => ({ type: e.type, payload: e.payload }) as E)
      .reduce(decider.evolve, decider.initialState());
    const decision = decider.decide(command, state);
    if (!decision.ok) return decision;
    if (decision.events.length === 0) return { ok: true, streamVersion: version, events: [] };
    try {
      const last = history.at(-1);
      const expected = last ? { version, hash: last.hash } : 'no-stream';
      // Unless told otherwise, an event is caused by the latest event of the state it was decided on.
      const caused = { ...context, causationId: context.causationId ?? last?.eventId ?? null };
      const result = await store.append(streamId, expected, decision.events, caused, options.manager);
      return { ok: true, ...result };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= attempts)
        return { ok: false, error: conflict(streamId, version, error.actualVersion ?? version + 1) };
    }
  }
}

const conflict = (streamId: string, expectedVersion: number, actualVersion: number): DomainError => ({
  kind: 'conflict',
  message: `${streamId} was changed by someone else (expected version ${expectedVersion}, found ${actualVersion}); reload and retry`,
  expectedVersion,
  actualVersion,
});
