import type { DomainError } from './domain-error.js';

export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });
export const refuse = <E = never>(error: DomainError): Decision<E> => ({ ok: false, error });

/**
 * An aggregate as a pure function pair: no I/O, no clock (time comes in the command),
 * so every rule is testable as given/when/then.
 */
export interface Decider<C, E, S> {
  decide(command: C, state: S): Decision<E>;
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** The state a stream's events leave behind, folded with the decider's evolve. */
export function fold<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, events: readonly DomainEvent[]): S {
  return events.map((e) => ({ type: e.type, payload: e.payload }) as E).reduce(decider.evolve, decider.initialState());
}

/** A typed event as deciders see it: stable type string plus payload. */
export interface DomainEvent<T extends string = string, P = unknown> {
  type: T;
  payload: P;
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
