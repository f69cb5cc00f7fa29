import type { Actor } from '@upgrade-control/contracts';
import type { AppendContext } from './event-store.js';

/** Who is asking, as the HTTP edge saw it. */
export interface Caller {
  actor: Actor;
  traceparent: string | null;
  /** From If-Match: the stream version the caller last saw. */
  expectedVersion?: number;
  /** A request at the HTTP edge (not a timer): REQUIRE_IF_MATCH applies to it. */
  fromHttp?: true;
}

export const appendContext = (
  caller: Caller,
  correlationId: string,
  now: Date,
  causationId: string | null = null,
): AppendContext => ({
  correlationId,
  causationId,
  actor: caller.actor,
  now,
  traceparent: caller.traceparent,
});
