import type { Transaction } from '../database/database.js';
import type { EventEnvelope } from '@upgrade-control/contracts';
import { fold, type Decider, type DomainEvent } from '../domain/decider.js';
import type { DomainError } from '../domain/domain-error.js';
import { ConcurrencyError } from './concurrency-error.js';
import { asStored } from './stored-order.js';
import type { DecidedStream } from './decided-streams.js';
import type { AppendContext, EventStore } from './event-store.js';

export type CommandResult =
  { ok: true; streamVersion: number; events: EventEnvelope[] } | { ok: false; error: DomainError };

export interface HandleOptions {
  /** The version the caller last saw (If-Match); a mismatch is a 412, never retried. */
  expectedVersion?: number;
  /** Without expectedVersion, a write to a stream that exists is refused (428, REQUIRE_IF_MATCH). */
  requireExpectedVersion?: boolean;
  /** Retries on a concurrent append when the caller did not pin a version. */
  maxAttempts?: number;
  /** An enclosing transaction, e.g. a consumer's, so the reaction commits with its inbox row. */
  tx?: Transaction;
}

/**
 * The one write path: load the stream, fold it with evolve, decide, append after the head that
 * was loaded. A concurrent writer makes the append fail; the command is then decided again on the
 * new state, a bounded number of times.
 *
 * Outside a caller's transaction the first try decides on the state this process last wrote (a
 * stream it never saw counts as new) instead of reading it: the head guard refuses the append if
 * that state was stale, and a refusal or a no-op decided on it is confirmed on a fresh read, so
 * every answer still reflects the stored stream.
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
  const attempts = options.expectedVersion === undefined && !options.tx ? (options.maxAttempts ?? 3) : 1;
  let remembered = options.tx ? undefined : (store.decided.get<S>(decider, streamId) ?? newStream(decider));
  for (let attempt = 1; ;) {
    const stream = remembered ?? (await load(store, decider, streamId, options.tx));
    const fresh = remembered === undefined;
    remembered = undefined;
    // A remembered version above 0 is proof enough that the stream exists: versions only grow.
    if (options.requireExpectedVersion && options.expectedVersion === undefined && stream.version > 0)
      return { ok: false, error: preconditionRequired(streamId) };
    if (options.expectedVersion !== undefined && options.expectedVersion !== stream.version) {
      if (fresh) return { ok: false, error: preconditionFailed(streamId, options.expectedVersion, stream.version) };
      continue;
    }
    const decision = decider.decide(command, stream.state);
    if (!decision.ok || decision.events.length === 0) {
      if (!fresh) continue;
      return decision.ok ? { ok: true, streamVersion: stream.version, events: [] } : decision;
    }
    try {
      const expected = stream.hash === null ? 'no-stream' : { version: stream.version, hash: stream.hash };
      // Unless told otherwise, an event is caused by the latest event of the state it was decided on.
      const caused = { ...context, causationId: context.causationId ?? stream.lastEventId };
      const before = { decider, state: stream.state };
      const result = await store.append(streamId, expected, decision.events, caused, options.tx, before);
      // Remembered only once committed: inside a caller's transaction the append may still roll back.
      if (!options.tx) {
        const last = result.events.at(-1)!;
        store.decided.remember(decider, streamId, {
          version: result.streamVersion,
          hash: last.hash,
          lastEventId: last.eventId,
          // Evolved by the events as stored, so it equals a fresh fold of the stream (stored-order.ts).
          state: result.events.map(asStored).reduce((state, e) => decider.evolve(state, e as E), stream.state),
        });
      }
      return { ok: true, ...result };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      store.decided.forget(streamId);
      if (!fresh) continue;
      const actualVersion = error.actualVersion ?? stream.version + 1;
      // The caller's If-Match held when loaded, but another write landed first: still stale.
      if (options.expectedVersion !== undefined)
        return { ok: false, error: preconditionFailed(streamId, options.expectedVersion, actualVersion) };
      if (attempt >= attempts) return { ok: false, error: conflict(streamId, stream.version, actualVersion) };
      attempt++;
    }
  }
}

async function load<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  tx: Transaction | undefined,
): Promise<DecidedStream<S>> {
  const history = await store.readStream(streamId, tx);
  const last = history.at(-1);
  return {
    version: history.length,
    hash: last?.hash ?? null,
    lastEventId: last?.eventId ?? null,
    state: fold(decider, history),
  };
}

const newStream = <C, E, S>(decider: Decider<C, E, S>): DecidedStream<S> => ({
  version: 0,
  hash: null,
  lastEventId: null,
  state: decider.initialState(),
});

const conflict = (streamId: string, expectedVersion: number, actualVersion: number): DomainError => ({
  kind: 'conflict',
  message: `${streamId} was changed by someone else (expected version ${expectedVersion}, found ${actualVersion}); reload and retry`,
  expectedVersion,
  actualVersion,
});

const preconditionFailed = (streamId: string, expectedVersion: number, actualVersion: number): DomainError => ({
  kind: 'precondition-failed',
  message: `If-Match names version ${expectedVersion} of ${streamId}, but it is at version ${actualVersion}; reload and retry with If-Match: "${actualVersion}"`,
  expectedVersion,
  actualVersion,
});

const preconditionRequired = (streamId: string): DomainError => ({
  kind: 'precondition-required',
  message: `${streamId} exists: a write to it needs If-Match with the stream version last read (REQUIRE_IF_MATCH)`,
});
