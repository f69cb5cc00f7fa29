import type { Decider, Decision } from '../domain/decider.js';
import type { DomainError } from '../domain/domain-error.js';

/**
 * given(events).when(command).then(expectedEvents) / .thenNothingHappened() /
 * .thenRefuses(kind, message) for deciders. Assertions use jest's `expect`: the unit ladder runs
 * under jest only.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: C) {
          const decision: Decision<E> = decider.decide(command, state);
          const events = (): E[] => {
            if (!decision.ok) throw new Error(`expected events, got refusal: ${JSON.stringify(decision.error)}`);
            return decision.events;
          };
          return {
            decision,
            then(expected: E[]) {
              expect(events()).toEqual(expected);
            },
            /** Accepted, and idempotent: the state already says what the command asks for. */
            thenNothingHappened() {
              expect(events()).toEqual([]);
            },
            thenRefuses(kind: DomainError['kind'], message?: string | RegExp): DomainError {
              if (decision.ok)
                throw new Error(`expected a ${kind} refusal, got events: ${JSON.stringify(decision.events)}`);
              expect(decision.error.kind).toBe(kind);
              if (message !== undefined) expect(decision.error.message).toMatch(message);
              return decision.error;
            },
          };
        },
      };
    },
  };
}
